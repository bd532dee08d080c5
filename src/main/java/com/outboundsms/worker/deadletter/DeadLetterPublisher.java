package com.outboundsms.worker.deadletter;

import java.util.Locale;

import com.outboundsms.worker.processing.WireTime;

import org.springframework.amqp.core.Message;

/**
 * Puts a copy of a failed request in the dead-letter queue, body and properties intact,
 * with {@code x-request-id}, {@code x-lane}, {@code x-campaign-id} (when the request had
 * one), {@code x-error-code}, {@code x-error-message}, {@code x-attempts},
 * {@code x-first-attempt-at}, {@code x-last-attempt-at} (and the Twilio code and status
 * when Twilio answered), and returns only once the broker confirmed the copy reached the
 * queue.
 */
public class DeadLetterPublisher {

	private final MessageRepublisher republisher;

	private final DeadLetterProperties properties;

	DeadLetterPublisher(MessageRepublisher republisher, DeadLetterProperties properties) {
		this.republisher = republisher;
		this.properties = properties;
	}

	/**
	 * Dead-letters the message.
	 * @param original the request as it was delivered
	 * @param deadLetter why
	 * @throws org.springframework.amqp.AmqpException if the broker did not take the copy
	 */
	public void send(Message original, DeadLetter deadLetter) {
		this.republisher.republish(original, this.properties.exchange(), this.properties.routingKey(), (headers) -> {
			headers.setHeader(DeadLetterHeaders.REQUEST_ID, deadLetter.requestId());
			headers.setHeader(DeadLetterHeaders.LANE, deadLetter.lane().name().toLowerCase(Locale.ROOT));
			if (deadLetter.campaignId() != null) {
				headers.setHeader(DeadLetterHeaders.CAMPAIGN_ID, deadLetter.campaignId());
			}
			headers.setHeader(DeadLetterHeaders.ERROR_CODE, deadLetter.error().code().name());
			headers.setHeader(DeadLetterHeaders.ERROR_MESSAGE, deadLetter.error().message());
			headers.setHeader(DeadLetterHeaders.ATTEMPTS, deadLetter.attempts());
			headers.setHeader(DeadLetterHeaders.FIRST_ATTEMPT_AT, WireTime.format(deadLetter.firstAttemptAt()));
			headers.setHeader(DeadLetterHeaders.LAST_ATTEMPT_AT, WireTime.format(deadLetter.lastAttemptAt()));
			if (deadLetter.error().twilioCode() != null) {
				headers.setHeader(DeadLetterHeaders.TWILIO_CODE, deadLetter.error().twilioCode());
			}
			if (deadLetter.error().twilioStatus() != null) {
				headers.setHeader(DeadLetterHeaders.TWILIO_STATUS, deadLetter.error().twilioStatus());
			}
		});
	}

}
