package com.outboundsms.worker.deadletter;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.processing.WireTime;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Puts a copy of a failed request in the dead-letter queue, body and properties intact,
 * with {@code x-error-code}, {@code x-error-message}, {@code x-attempts},
 * {@code x-first-attempt-at} and {@code x-last-attempt-at} headers, and returns only once
 * the broker confirmed that the copy reached the queue.
 */
public class DeadLetterPublisher {

	private final RabbitTemplate template;

	private final DeadLetterProperties properties;

	DeadLetterPublisher(RabbitTemplate template, DeadLetterProperties properties) {
		this.template = template;
		this.properties = properties;
	}

	/**
	 * Dead-letters the message.
	 * @param original the request as it was delivered
	 * @param deadLetter why
	 * @throws AmqpException if the broker did not confirm the copy or could not route it
	 */
	public void send(Message original, DeadLetter deadLetter) {
		Message copy = new Message(original.getBody(), headers(original.getMessageProperties(), deadLetter));
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.template.send(this.properties.exchange(), this.properties.routingKey(), copy, correlation);
		awaitConfirm(correlation);
	}

	private static MessageProperties headers(MessageProperties delivered, DeadLetter deadLetter) {
		MessageProperties props = new MessageProperties();
		props.setContentType(delivered.getContentType());
		props.setContentEncoding(delivered.getContentEncoding());
		props.setMessageId(delivered.getMessageId());
		props.setCorrelationId(delivered.getCorrelationId());
		props.setTimestamp(delivered.getTimestamp());
		props.setAppId(delivered.getAppId());
		props.setType(delivered.getType());
		props.setUserId(delivered.getUserId());
		props.setPriority(delivered.getPriority());
		props.setReplyTo(delivered.getReplyTo());
		delivered.getHeaders().forEach(props::setHeader);
		props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		props.setHeader("x-request-id", deadLetter.requestId());
		props.setHeader("x-error-code", deadLetter.error().code().name());
		props.setHeader("x-error-message", deadLetter.error().message());
		props.setHeader("x-attempts", deadLetter.attempts());
		props.setHeader("x-first-attempt-at", timestamp(deadLetter.firstAttemptAt()));
		props.setHeader("x-last-attempt-at", timestamp(deadLetter.lastAttemptAt()));
		deadLetter.error().twilioCode().ifPresent((code) -> props.setHeader("x-twilio-code", code));
		deadLetter.error().twilioStatus().ifPresent((status) -> props.setHeader("x-twilio-status", status));
		return props;
	}

	private static String timestamp(java.time.Instant instant) {
		return WireTime.format(instant);
	}

	private void awaitConfirm(CorrelationData correlation) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw new DeadLetterNotConfirmed("the broker refused the dead-lettered copy: " + confirm.reason(),
						null);
			}
			if (correlation.getReturned() != null) {
				throw new DeadLetterNotConfirmed(
						"the dead-lettered copy reached no queue: " + correlation.getReturned().getReplyText(), null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeadLetterNotConfirmed("interrupted while waiting for the dead-lettered copy's confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new DeadLetterNotConfirmed("the broker did not confirm the dead-lettered copy", ex);
		}
	}

	/**
	 * The copy may not be in the dead-letter queue: the request must not be acknowledged.
	 */
	static final class DeadLetterNotConfirmed extends AmqpException {

		DeadLetterNotConfirmed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
