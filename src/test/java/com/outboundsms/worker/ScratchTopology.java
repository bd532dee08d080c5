package com.outboundsms.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * A direct exchange and queues of one test's own on the broker, under names no other run
 * uses, and a Spring connection factory with publisher confirms and returns; all removed
 * on close.
 */
public final class ScratchTopology implements AutoCloseable {

	private final Connection connection;

	private final Channel channel;

	private final String exchange;

	private final List<String> queues = new ArrayList<>();

	private final CachingConnectionFactory connectionFactory;

	private ScratchTopology(TestServices services, Connection connection, String exchange) throws IOException {
		this.connection = connection;
		this.connectionFactory = services.confirmingConnectionFactory();
		this.channel = connection.createChannel();
		this.exchange = exchange;
		this.channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, Map.of());
	}

	/**
	 * Declares the exchange.
	 * @param services the broker
	 * @param prefix what the names start with
	 * @return the topology, for the caller to close
	 * @throws IOException if the broker refuses it
	 * @throws TimeoutException if the broker does not answer in time
	 */
	public static ScratchTopology declare(TestServices services, String prefix) throws IOException, TimeoutException {
		return new ScratchTopology(services, services.connect(),
				prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	public String exchange() {
		return this.exchange;
	}

	/**
	 * Declares a durable queue bound to the exchange.
	 * @param routingKey the binding's key, which also ends the queue's name
	 * @param arguments the queue's arguments
	 * @return the queue's name
	 * @throws IOException if the broker refuses it
	 */
	public String queue(String routingKey, Map<String, Object> arguments) throws IOException {
		String queue = this.exchange + "." + routingKey;
		this.channel.queueDeclare(queue, true, false, false, arguments);
		this.channel.queueBind(queue, this.exchange, routingKey);
		this.queues.add(queue);
		return queue;
	}

	/**
	 * Takes the next message of a queue, acknowledged.
	 * @param queue the queue
	 * @return the message, {@code null} if the queue is empty
	 * @throws IOException if the broker refuses it
	 */
	public GetResponse take(String queue) throws IOException {
		return this.channel.basicGet(queue, true);
	}

	public Channel channel() {
		return this.channel;
	}

	/**
	 * The connection factory for the code under test.
	 * @return a factory with correlated publisher confirms and returns
	 */
	public CachingConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public void close() throws IOException {
		this.connectionFactory.destroy();
		for (String queue : this.queues) {
			this.channel.queueDelete(queue);
		}
		this.channel.exchangeDelete(this.exchange);
		this.connection.close();
	}

}
