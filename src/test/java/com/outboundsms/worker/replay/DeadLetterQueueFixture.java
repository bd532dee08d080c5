package com.outboundsms.worker.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import static org.awaitility.Awaitility.await;

/**
 * The worker's request and dead-letter topology under a run's names, declared with the
 * worker's arguments, and the means to fill the dead-letter queue and read both queues.
 */
final class DeadLetterQueueFixture implements AutoCloseable {

	private final TestServices services;

	private final RunNames names;

	private final Connection connection;

	private final Channel channel;

	DeadLetterQueueFixture(TestServices services, RunNames names) throws IOException, TimeoutException {
		this.services = services;
		this.names = names;
		this.connection = services.connect();
		this.channel = this.connection.createChannel();
		this.channel.confirmSelect();
		declare();
	}

	private void declare() throws IOException {
		this.channel.exchangeDeclare(this.names.requestExchange(), BuiltinExchangeType.DIRECT, true);
		this.channel.exchangeDeclare(this.names.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
		// as InboundConfiguration and DeadLetterConfiguration declare them
		this.channel.queueDeclare(this.names.requestQueue(), true, false, false,
				Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", this.names.deadLetterExchange(),
						"x-dead-letter-routing-key", this.names.deadLetterQueue(), "x-dead-letter-strategy",
						"at-least-once", "x-overflow", "reject-publish", "x-delivery-limit", 20));
		this.channel.queueDeclare(this.names.deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
		this.channel.queueBind(this.names.requestQueue(), this.names.requestExchange(), "request");
		this.channel.queueDeclare(this.names.bulkQueue(), true, false, false,
				Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", this.names.deadLetterExchange(),
						"x-dead-letter-routing-key", this.names.deadLetterQueue(), "x-dead-letter-strategy",
						"at-least-once", "x-overflow", "reject-publish", "x-delivery-limit", 20));
		this.channel.queueBind(this.names.bulkQueue(), this.names.requestExchange(), "request.bulk");
		this.channel.queueBind(this.names.deadLetterQueue(), this.names.deadLetterExchange(),
				this.names.deadLetterQueue());
	}

	/**
	 * Dead-letters a request as the worker does: through the dead-letter exchange, with
	 * its headers, confirmed.
	 */
	void deadLetter(String body, AMQP.BasicProperties properties)
			throws IOException, InterruptedException, TimeoutException {
		this.channel.basicPublish(this.names.deadLetterExchange(), this.names.deadLetterQueue(), true, properties,
				body.getBytes(StandardCharsets.UTF_8));
		this.channel.waitForConfirmsOrDie(10_000);
	}

	/**
	 * Has the broker dead-letter a request by itself: published to the request queue,
	 * then rejected without requeue, so it reaches the dead-letter queue with
	 * {@code x-death} headers only.
	 */
	void deadLetterByBroker(String body, String messageId) throws IOException, InterruptedException, TimeoutException {
		long before = this.channel.messageCount(this.names.deadLetterQueue());
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId)
			.deliveryMode(2)
			.build();
		this.channel.basicPublish(this.names.requestExchange(), "request", true, properties,
				body.getBytes(StandardCharsets.UTF_8));
		this.channel.waitForConfirmsOrDie(10_000);
		GetResponse request = this.channel.basicGet(this.names.requestQueue(), false);
		this.channel.basicReject(request.getEnvelope().getDeliveryTag(), false);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.channel.messageCount(this.names.deadLetterQueue()) == before + 1);
	}

	void unbindRequestQueue() throws IOException {
		this.channel.queueUnbind(this.names.requestQueue(), this.names.requestExchange(), "request");
	}

	List<GetResponse> drainRequests() throws IOException {
		return drain(this.names.requestQueue());
	}

	List<GetResponse> drainBulkRequests() throws IOException {
		return drain(this.names.bulkQueue());
	}

	List<GetResponse> drainDeadLetters() throws IOException {
		return drain(this.names.deadLetterQueue());
	}

	long deadLetterCount() throws IOException {
		return this.channel.messageCount(this.names.deadLetterQueue());
	}

	private List<GetResponse> drain(String queue) throws IOException {
		List<GetResponse> messages = new ArrayList<>();
		for (GetResponse message = this.channel.basicGet(queue, true); message != null; message = this.channel
			.basicGet(queue, true)) {
			messages.add(message);
		}
		return messages;
	}

	static AMQP.BasicProperties.Builder workerDeadLetter(String requestId, String errorCode, Date lastAttemptAt) {
		String at = com.outboundsms.worker.processing.WireTime.format(lastAttemptAt.toInstant());
		return new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.messageId("msg-" + requestId)
			.correlationId("corr-" + requestId)
			.headers(Map.of("x-request-id", requestId, "x-error-code", errorCode, "x-error-message",
					"failed: " + errorCode, "x-attempts", 3, "x-first-attempt-at", at, "x-last-attempt-at", at,
					"x-twilio-code", 20503, "x-twilio-status", 503, "tenant", "acme"));
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
		this.services.deleteTopology(this.names);
	}

}
