package com.outboundsms.worker.twilio;

import java.util.Map;
import java.util.OptionalDouble;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many first messages per second each sender ({@code fromNumber}) may post, shared by
 * every instance: {@code outbound-sms.senders.default.messages-per-second} for every
 * sender, {@code outbound-sms.senders.<number>.messages-per-second} for one. Numbers are
 * matched by their digits, as relaxed binding drops a key's {@code +}.
 *
 * @param senders the paces by number, and {@code default}; none unpaces every sender
 */
@ConfigurationProperties("outbound-sms")
@Validated
public record SenderPacingProperties(Map<String, @Valid Pace> senders) {

	static final String DEFAULT = "default";

	public SenderPacingProperties {
		senders = (senders != null) ? Map.copyOf(senders) : Map.of();
	}

	/**
	 * The pace of a sender.
	 * @param fromNumber the sender's number, in E.164
	 * @return its first messages per second, or empty when it is not paced
	 */
	OptionalDouble messagesPerSecond(String fromNumber) {
		String digits = digits(fromNumber);
		for (Map.Entry<String, Pace> sender : this.senders.entrySet()) {
			if (!sender.getKey().equals(DEFAULT) && digits(sender.getKey()).equals(digits)) {
				return OptionalDouble.of(sender.getValue().messagesPerSecond());
			}
		}
		Pace fallback = this.senders.get(DEFAULT);
		return (fallback != null) ? OptionalDouble.of(fallback.messagesPerSecond()) : OptionalDouble.empty();
	}

	private static String digits(String number) {
		return number.replaceAll("\\D", "");
	}

	/**
	 * One sender's pace.
	 *
	 * @param messagesPerSecond first messages per second, positive (fractions allowed:
	 * {@code 0.5} is one every two seconds)
	 */
	public record Pace(@Positive(
			message = "outbound-sms.senders.*.messages-per-second must be positive") double messagesPerSecond) {
	}

}
