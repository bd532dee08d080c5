package com.outboundsms.worker.enqueue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes requests as producers should: persistent, content type JSON, the request id
 * as {@code message_id}, mandatory; a message the broker refuses (nack) or cannot route
 * to a queue (return) is not confirmed.
 */
class AmqpSender implements Sender {

	private final RabbitTemplate template;

	private final String exchange;

	private final String routingKey;

	private final Map<String, Object> headers;

	/**
	 * Creates the sender.
	 * @param template a template with correlated publisher confirms, returns, and
	 * mandatory routing
	 * @param exchange the request exchange
	 * @param routingKey the request routing key
	 */
	AmqpSender(RabbitTemplate template, String exchange, String routingKey) {
		this(template, exchange, routingKey, Map.of());
	}

	/**
	 * Creates a sender that puts headers on every message.
	 * @param headers the headers, such as the campaign's total
	 */
	AmqpSender(RabbitTemplate template, String exchange, String routingKey, Map<String, Object> headers) {
		this.template = template;
		this.exchange = exchange;
		this.routingKey = routingKey;
		this.headers = Map.copyOf(headers);
	}

	@Override
	public CompletableFuture<Delivery> send(FileRequest request) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setMessageId(request.requestId());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		this.headers.forEach(properties::setHeader);
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.template.send(this.exchange, this.routingKey, new Message(request.body(), properties), correlation);
		// the template sets a return on the correlation before it completes the confirm
		return correlation.getFuture().thenApply((confirm) -> {
			if (!confirm.ack()) {
				return Delivery.failed("the broker refused it: " + confirm.reason());
			}
			if (correlation.getReturned() != null) {
				return Delivery.failed("the broker could not route it: " + correlation.getReturned().getReplyCode()
						+ " " + correlation.getReturned().getReplyText());
			}
			return Delivery.confirmedIntoAQueue();
		});
	}

}
