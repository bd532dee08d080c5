package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import static org.awaitility.Awaitility.await;

/**
 * Listens to every result event, as an integrating system does, and notes when each
 * request's first one arrived (by its correlation id, the request id) and how many of
 * each outcome came.
 */
final class ResultTap implements AutoCloseable {

	private final Channel channel;

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private final Set<String> failed = ConcurrentHashMap.newKeySet();

	ResultTap(Connection connection) throws IOException {
		this.channel = connection.createChannel();
		String queue = this.channel.queueDeclare("", false, true, true, null).getQueue();
		this.channel.queueBind(queue, "outbound-sms.results", "#");
		this.channel.basicQos(1000);
		this.channel.basicConsume(queue, true, new DefaultConsumer(this.channel) {

			@Override
			public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
				long now = System.nanoTime();
				ResultTap.this.arrivals.putIfAbsent(properties.getCorrelationId(), now);
				ResultTap.this.outcomes.computeIfAbsent(envelope.getRoutingKey(), (key) -> new AtomicLong())
					.incrementAndGet();
				if ("result.failed".equals(envelope.getRoutingKey())) {
					ResultTap.this.failed.add(properties.getCorrelationId());
				}
			}

		});
	}

	/**
	 * When the request's first result event arrived ({@link System#nanoTime()}), or null.
	 */
	Long arrival(String requestId) {
		return this.arrivals.get(requestId);
	}

	/** Whether the request has a result and it is not a failure. */
	boolean succeeded(String requestId) {
		return this.arrivals.containsKey(requestId) && !this.failed.contains(requestId);
	}

	long count(String routingKey) {
		AtomicLong count = this.outcomes.get(routingKey);
		return (count != null) ? count.get() : 0;
	}

	/** How many of these requests have a result. */
	long settled(Iterable<String> requestIds) {
		long settled = 0;
		for (String id : requestIds) {
			settled += this.arrivals.containsKey(id) ? 1 : 0;
		}
		return settled;
	}

	/** Waits until every request has its result event. */
	void awaitSettled(List<RequestPublisher.Request> requests, Duration atMost) {
		List<String> ids = requests.stream().map(RequestPublisher.Request::id).toList();
		await("results for " + ids.size() + " requests").atMost(atMost)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> settled(ids) == ids.size());
	}

	@Override
	public void close() throws IOException {
		try {
			this.channel.close();
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IOException(ex);
		}
	}

}
