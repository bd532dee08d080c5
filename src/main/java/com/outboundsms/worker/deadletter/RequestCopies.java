package com.outboundsms.worker.deadletter;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sets a copy of a delivered request aside, in the dead-letter queue or a delay queue:
 * body and properties kept, headers added, persistent, and returns only once the broker
 * confirmed that the copy reached a queue, so the original can then be acknowledged
 * without losing it.
 */
public class RequestCopies {

	private final RabbitTemplate template;

	private final Duration confirmTimeout;

	/**
	 * Creates the sender.
	 * @param template a template with publisher confirms and mandatory routing
	 * @param confirmTimeout how long to wait for the broker's confirm
	 */
	public RequestCopies(RabbitTemplate template, Duration confirmTimeout) {
		this.template = template;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * Sends the copy.
	 * @param original the request as delivered
	 * @param exchange where to
	 * @param routingKey with which key
	 * @param headers adds the copy's own headers
	 * @throws CopyNotConfirmed if the broker refused, could not route, or did not confirm
	 * it
	 */
	public void send(Message original, String exchange, String routingKey, Consumer<MessageProperties> headers) {
		MessageProperties properties = copyOf(original.getMessageProperties());
		headers.accept(properties);
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.template.send(exchange, routingKey, new Message(original.getBody(), properties), correlation);
		awaitConfirm(correlation, exchange);
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
		props.setUserId(delivered.getUserId());
		props.setPriority(delivered.getPriority());
		props.setReplyTo(delivered.getReplyTo());
		delivered.getHeaders().forEach(props::setHeader);
		props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return props;
	}

	private void awaitConfirm(CorrelationData correlation, String exchange) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw new CopyNotConfirmed("the broker refused the copy for " + exchange + ": " + confirm.reason(),
						null);
			}
			if (correlation.getReturned() != null) {
				throw new CopyNotConfirmed(
						"the copy for " + exchange + " reached no queue: " + correlation.getReturned().getReplyText(),
						null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CopyNotConfirmed("interrupted while waiting for the broker's confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new CopyNotConfirmed("the broker did not confirm the copy for " + exchange, ex);
		}
	}

	/**
	 * The copy may not be on the broker: the original must not be acknowledged.
	 */
	public static final class CopyNotConfirmed extends AmqpException {

		CopyNotConfirmed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
