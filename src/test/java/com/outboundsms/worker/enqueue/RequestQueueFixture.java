package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * The worker's request exchange and queue under a run's names, declared as the worker
 * declares them, and the means to read the queue; removed on close.
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
		this.channel.queueDeclare(names.requestQueue(), true, false, false,
				Map.of("x-queue-type", "quorum", "x-overflow", "reject-publish"));
		this.channel.queueBind(names.requestQueue(), names.requestExchange(), "request");
	}

	void unbindRequestQueue() throws IOException {
		this.channel.queueUnbind(this.names.requestQueue(), this.names.requestExchange(), "request");
	}

	long depth() throws IOException {
		return this.channel.messageCount(this.names.requestQueue());
	}

	List<GetResponse> drain() throws IOException {
		List<GetResponse> messages = new ArrayList<>();
		for (GetResponse message = this.channel.basicGet(this.names.requestQueue(),
				true); message != null; message = this.channel.basicGet(this.names.requestQueue(), true)) {
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
