package com.outboundsms.worker.deadletter;

import com.outboundsms.worker.processing.WireTime;

import org.springframework.amqp.core.Message;

/**
 * Puts a copy of a failed request in the dead-letter queue, body and properties intact,
 * with {@code x-request-id}, {@code x-error-code}, {@code x-error-message},
 * {@code x-attempts}, {@code x-first-attempt-at}, {@code x-last-attempt-at} (and the
 * Twilio code and status when Twilio answered), and returns only once the broker
 * confirmed the copy reached the queue.
 */
public class DeadLetterPublisher {

	private final RequestCopies copies;

	private final DeadLetterProperties properties;

	DeadLetterPublisher(RequestCopies copies, DeadLetterProperties properties) {
		this.copies = copies;
		this.properties = properties;
	}

	/**
	 * Dead-letters the message.
	 * @param original the request as it was delivered
	 * @param deadLetter why
	 * @throws RequestCopies.CopyNotConfirmed if the broker did not take the copy
	 */
	public void send(Message original, DeadLetter deadLetter) {
		this.copies.send(original, this.properties.exchange(), this.properties.routingKey(), (headers) -> {
			headers.setHeader("x-request-id", deadLetter.requestId());
			headers.setHeader("x-error-code", deadLetter.error().code().name());
			headers.setHeader("x-error-message", deadLetter.error().message());
			headers.setHeader("x-attempts", deadLetter.attempts());
			headers.setHeader("x-first-attempt-at", WireTime.format(deadLetter.firstAttemptAt()));
			headers.setHeader("x-last-attempt-at", WireTime.format(deadLetter.lastAttemptAt()));
			deadLetter.error().twilioCode().ifPresent((code) -> headers.setHeader("x-twilio-code", code));
			deadLetter.error().twilioStatus().ifPresent((status) -> headers.setHeader("x-twilio-status", status));
		});
	}

}
