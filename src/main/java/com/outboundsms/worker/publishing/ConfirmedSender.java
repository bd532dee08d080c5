package com.outboundsms.worker.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.AmqpMessageReturnedException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.AmqpNackReceivedException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends a message with a correlation and returns only once the broker confirmed it and,
 * on a mandatory template, routed it to a queue; otherwise throws spring-amqp's own
 * exception for what went wrong.
 */
public final class ConfirmedSender {

	private final RabbitTemplate template;

	private final Duration confirmTimeout;

	/**
	 * Creates the sender.
	 * @param template a template on a connection with correlated publisher confirms (and
	 * returns, if it is mandatory)
	 * @param confirmTimeout how long to wait for the broker's confirm
	 */
	public ConfirmedSender(RabbitTemplate template, Duration confirmTimeout) {
		this.template = template;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * Sends the message and waits for the broker's confirm.
	 * @param exchange where to
	 * @param routingKey with which key
	 * @param message the message
	 * @param correlationId the correlation's id, which also goes out as the
	 * {@code spring_returned_message_correlation} header of a mandatory message
	 * @throws AmqpNackReceivedException if the broker refused the message
	 * @throws AmqpMessageReturnedException if the broker could route it to no queue
	 * @throws AmqpTimeoutException if no confirm came within the timeout
	 */
	public void send(String exchange, String routingKey, Message message, String correlationId) {
		CorrelationData correlation = new CorrelationData(correlationId);
		this.template.send(exchange, routingKey, message, correlation);
		settle(correlation, exchange, message);
	}

	/**
	 * Sends several messages, then waits for the broker's confirms of all of them, so
	 * that a batch costs one wait instead of one per message.
	 * @param messages what to send, each with where to
	 * @throws AmqpNackReceivedException if the broker refused any of them
	 * @throws AmqpMessageReturnedException if the broker could route one of them to no
	 * queue
	 * @throws AmqpTimeoutException if a confirm did not come within the timeout
	 */
	public void sendAll(List<Outgoing> messages) {
		List<CorrelationData> correlations = new ArrayList<>(messages.size());
		for (Outgoing outgoing : messages) {
			CorrelationData correlation = new CorrelationData(outgoing.correlationId());
			this.template.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
			correlations.add(correlation);
		}
		for (int i = 0; i < correlations.size(); i++) {
			Outgoing outgoing = messages.get(i);
			settle(correlations.get(i), outgoing.exchange(), outgoing.message());
		}
	}

	private void settle(CorrelationData correlation, String exchange, Message message) {
		CorrelationData.Confirm confirm = awaitConfirm(correlation, exchange);
		if (!confirm.ack()) {
			throw new AmqpNackReceivedException(
					"the broker refused the message for exchange '" + exchange + "': " + confirm.reason(), message);
		}
		ReturnedMessage returned = correlation.getReturned();
		if (returned != null) {
			throw new AmqpMessageReturnedException("the broker could not route the message for exchange '" + exchange
					+ "': " + returned.getReplyCode() + " " + returned.getReplyText(), returned);
		}
	}

	private CorrelationData.Confirm awaitConfirm(CorrelationData correlation, String exchange) {
		try {
			return correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// the wait for the confirm ended before it came, as when it times out
			throw new AmqpTimeoutException("interrupted while waiting for the broker's confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AmqpTimeoutException("the broker did not confirm the message for exchange '" + exchange
					+ "' within " + this.confirmTimeout.toMillis() + " ms", ex);
		}
	}

	/**
	 * A message to send and where to.
	 *
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param message the message
	 * @param correlationId the correlation's id
	 */
	public record Outgoing(String exchange, String routingKey, Message message, String correlationId) {
	}

}
