package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.deadletter.DeadLetterHeaders;
import com.outboundsms.worker.processing.WireTime;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageProperties;

/**
 * Which attempt at a request this delivery is, as the retry headers a delayed copy
 * carries say: {@code x-attempts} (attempts made before) and {@code x-first-attempt-at}.
 *
 * @param number this attempt's number, from 1
 * @param firstAt when the first attempt started
 * @param at when this attempt started
 */
record Attempt(int number, Instant firstAt, Instant at) {

	static final String ATTEMPTS = DeadLetterHeaders.ATTEMPTS;

	static final String FIRST_ATTEMPT_AT = DeadLetterHeaders.FIRST_ATTEMPT_AT;

	static final String LAST_ATTEMPT_AT = DeadLetterHeaders.LAST_ATTEMPT_AT;

	/**
	 * The attempt a delivery stands for; a request without retry headers (or with ones
	 * that do not parse) is on its first attempt.
	 * @param properties the delivery's properties
	 * @param now the time
	 * @return the attempt
	 */
	static Attempt of(MessageProperties properties, Instant now) {
		Map<String, Object> headers = properties.getHeaders();
		int before = (headers.get(ATTEMPTS) instanceof Number number) ? Math.max(0, number.intValue()) : 0;
		return new Attempt(before + 1, firstAt(headers.get(FIRST_ATTEMPT_AT), now), now);
	}

	private static Instant firstAt(@Nullable Object header, Instant now) {
		if (header instanceof String text) {
			try {
				Instant first = Instant.parse(text);
				return first.isAfter(now) ? now : first;
			}
			catch (DateTimeParseException ex) {
				return now;
			}
		}
		return now;
	}

	/**
	 * How long the request has waited for this attempt: since its first attempt when it
	 * is a retry, else since it was published when the producer set the message's
	 * timestamp (whole seconds in AMQP).
	 * @param published the message's timestamp, or {@code null}
	 * @return the age, never negative; empty when nothing says when the request was made
	 */
	Optional<Duration> age(@Nullable Date published) {
		if (this.number > 1) {
			return Optional.of(Duration.between(this.firstAt, this.at));
		}
		if (published == null) {
			return Optional.empty();
		}
		Duration age = Duration.between(published.toInstant(), this.at);
		return Optional.of(age.isNegative() ? Duration.ZERO : age);
	}

	/**
	 * The headers a copy of the request carries into its next attempt.
	 * @param properties the copy's properties, changed in place
	 */
	void stamp(MessageProperties properties) {
		properties.setHeader(ATTEMPTS, this.number);
		properties.setHeader(FIRST_ATTEMPT_AT, WireTime.format(this.firstAt));
		properties.setHeader(LAST_ATTEMPT_AT, WireTime.format(this.at));
	}

}
