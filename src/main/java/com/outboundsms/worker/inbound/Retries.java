package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Schedules the next attempt at a request on the broker: a copy goes, with its attempt
 * headers, to a delay queue whose messages expire back into the request exchange. Nothing
 * waits in the worker, so a crash loses no scheduled retry, and the delivery is
 * acknowledged only once the broker confirmed the copy.
 */
class Retries {

	private final RabbitTemplate template;

	private final InboundProperties properties;

	private final RetryDelays delays;

	Retries(RabbitTemplate template, InboundProperties properties, RetryDelays delays) {
		this.template = template;
		this.properties = properties;
		this.delays = delays;
	}

	/**
	 * Whether the request has had all the attempts it may have.
	 * @param attempt the attempt that just failed
	 * @return {@code true} once the attempts or the age limit are reached
	 */
	boolean exhausted(Attempt attempt) {
		Duration age = Duration.between(attempt.firstAt(), attempt.at());
		return attempt.number() >= this.properties.maxAttempts() || age.compareTo(this.properties.maxAge()) >= 0;
	}

	/**
	 * Sends a copy of the request to wait for its next attempt.
	 * @param original the request as delivered
	 * @param attempt the attempt that just failed
	 * @param cause why it failed, for operators reading the delay queue
	 * @return the delay chosen
	 */
	Duration schedule(Message original, Attempt attempt, String cause) {
		Duration delay = this.delays.after(attempt.number());
		MessageProperties properties = copyOf(original.getMessageProperties());
		attempt.stamp(properties);
		properties.setHeader("x-last-error", cause);
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.template.send(retryExchange(this.properties), RetryDelays.queueName(this.properties.queue(), delay),
				new Message(original.getBody(), properties), correlation);
		awaitConfirm(correlation);
		return delay;
	}

	static String retryExchange(InboundProperties properties) {
		return properties.exchange() + ".retry";
	}

	private static MessageProperties copyOf(MessageProperties delivered) {
		MessageProperties props = new MessageProperties();
		props.setContentType(delivered.getContentType());
		props.setContentEncoding(delivered.getContentEncoding());
		props.setMessageId(delivered.getMessageId());
		props.setCorrelationId(delivered.getCorrelationId());
		props.setTimestamp(delivered.getTimestamp());
		props.setAppId(delivered.getAppId());
		props.setType(delivered.getType());
		props.setPriority(delivered.getPriority());
		delivered.getHeaders().forEach(props::setHeader);
		props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return props;
	}

	private void awaitConfirm(CorrelationData correlation) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
			if (!confirm.ack() || correlation.getReturned() != null) {
				throw new RetryNotScheduled(
						"the broker did not take the retry copy: " + ((correlation.getReturned() != null)
								? correlation.getReturned().getReplyText() : confirm.reason()),
						null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetryNotScheduled("interrupted while scheduling a retry", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new RetryNotScheduled("the broker did not confirm the retry copy", ex);
		}
	}

	/**
	 * The retry copy may not be on the broker: the request must not be acknowledged.
	 */
	static final class RetryNotScheduled extends AmqpException {

		RetryNotScheduled(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
