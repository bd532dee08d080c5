package com.outboundsms.worker.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.outboundsms.worker.publishing.ConfirmedSender;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;

/**
 * Sets a copy of a delivered request aside, in the dead-letter queue or a delay queue:
 * body and properties kept, headers added, persistent, and returns only once the broker
 * confirmed that the copy reached a queue, so the original can then be acknowledged
 * without losing it.
 */
public class MessageRepublisher {

	private final ConfirmedSender sender;

	/**
	 * Creates the sender of copies.
	 * @param sender a sender on a mandatory template
	 */
	public MessageRepublisher(ConfirmedSender sender) {
		this.sender = sender;
	}

	/**
	 * Sends the copy.
	 * @param original the request as delivered
	 * @param exchange where to
	 * @param routingKey with which key
	 * @param headers adds the copy's own headers
	 * @throws org.springframework.amqp.AmqpException if the broker refused, could not
	 * route, or did not confirm it
	 */
	public void republish(Message original, String exchange, String routingKey, Consumer<MessageProperties> headers) {
		MessageProperties properties = copyOf(original.getMessageProperties());
		headers.accept(properties);
		this.sender.send(exchange, routingKey, new Message(original.getBody(), properties),
				UUID.randomUUID().toString());
	}

	/**
	 * Sends copies of several requests, untouched but for being persistent and without
	 * the producer's time to live or the delivery count of the queue they leave, and
	 * returns once the broker confirmed that every one reached its queue.
	 * @param originals the requests as delivered, each with its routing key
	 * @param exchange where to
	 * @throws org.springframework.amqp.AmqpException if the broker refused, could not
	 * route, or did not confirm one of them
	 */
	public void republishAll(List<Routed> originals, String exchange) {
		List<ConfirmedSender.Outgoing> copies = new ArrayList<>(originals.size());
		for (Routed original : originals) {
			MessageProperties properties = copyOf(original.message().getMessageProperties());
			// the queue it goes to counts its own deliveries
			properties.getHeaders().remove("x-delivery-count");
			Message copy = new Message(original.message().getBody(), properties);
			copies
				.add(new ConfirmedSender.Outgoing(exchange, original.routingKey(), copy, UUID.randomUUID().toString()));
		}
		this.sender.sendAll(copies);
	}

	private static MessageProperties copyOf(MessageProperties delivered) {
		MessageProperties properties = MessagePropertiesBuilder.fromClonedProperties(delivered).build();
		// a producer's time to live would let the copy expire where it is set aside
		properties.setExpiration(null);
		// deprecated in AMQP 0-9-1 and no part of the request
		properties.setClusterId(null);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return properties;
	}

	/**
	 * A delivered message and the routing key its copy goes with.
	 *
	 * @param message the message as delivered
	 * @param routingKey the copy's routing key
	 */
	public record Routed(Message message, String routingKey) {
	}

}
