package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.processing.Lane;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * The worker's request exchange and both lanes' queues under a run's names, declared as
 * the worker declares them, and the means to read them (the bulk lane's unless told
 * otherwise: {@code enqueue} publishes there by default); removed on close.
 */
final class RequestQueueFixture implements AutoCloseable {

	private final TestServices services;

	private final RunNames names;

	private final Connection connection;

	private final Channel channel;

	RequestQueueFixture(TestServices services, RunNames names) throws IOException, TimeoutException {
		this.services = services;
		this.names = names;
		this.connection = services.connect();
		this.channel = this.connection.createChannel();
		this.channel.exchangeDeclare(names.requestExchange(), BuiltinExchangeType.DIRECT, true);
		for (Lane lane : Lane.values()) {
			this.channel.queueDeclare(queue(lane), true, false, false,
					Map.of("x-queue-type", "quorum", "x-overflow", "reject-publish"));
			this.channel.queueBind(queue(lane), names.requestExchange(), routingKey(lane));
		}
	}

	private String queue(Lane lane) {
		return (lane == Lane.BULK) ? this.names.bulkQueue() : this.names.requestQueue();
	}

	private static String routingKey(Lane lane) {
		return (lane == Lane.BULK) ? "request.bulk" : "request";
	}

	void unbindRequestQueue() throws IOException {
		this.channel.queueUnbind(queue(Lane.BULK), this.names.requestExchange(), routingKey(Lane.BULK));
	}

	long depth() throws IOException {
		return this.channel.messageCount(queue(Lane.BULK));
	}

	List<GetResponse> drain() throws IOException {
		return drain(Lane.BULK);
	}

	List<GetResponse> drain(Lane lane) throws IOException {
		List<GetResponse> messages = new ArrayList<>();
		for (GetResponse message = this.channel.basicGet(queue(lane), true); message != null; message = this.channel
			.basicGet(queue(lane), true)) {
			messages.add(message);
		}
		return messages;
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
		this.services.deleteTopology(this.names);
	}

}
