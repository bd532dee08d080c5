package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Publishes requests as a campaign tool does: persistent, with publisher confirms; either
 * as fast as confirms come (in confirmed batches) or paced at a steady rate, noting when
 * each was published.
 */
final class RequestPublisher implements AutoCloseable {

	/** The routing key of the interactive lane. */
	static final String INTERACTIVE = "request";

	/** The routing key of the bulk lane. */
	static final String BULK = "request.bulk";

	private static final int BATCH = 100;

	private final Channel channel;

	private final Map<String, Long> published = new ConcurrentHashMap<>();

	RequestPublisher(Connection connection) throws IOException {
		this.channel = connection.createChannel();
		this.channel.confirmSelect();
	}

	/** Publishes every request, a batch at a time, each batch confirmed. */
	void publishAll(List<Request> requests) throws IOException, InterruptedException, TimeoutException {
		publishAll(requests, INTERACTIVE);
	}

	/** Publishes every request to a lane, a batch at a time, each batch confirmed. */
	void publishAll(List<Request> requests, String routingKey)
			throws IOException, InterruptedException, TimeoutException {
		for (int i = 0; i < requests.size(); i++) {
			send(requests.get(i), routingKey);
			if ((i + 1) % BATCH == 0) {
				this.channel.waitForConfirmsOrDie(30_000);
			}
		}
		this.channel.waitForConfirmsOrDie(30_000);
	}

	/**
	 * Publishes one request every {@code 1/perSecond} s, confirms collected at the end.
	 */
	void publishPaced(List<Request> requests, double perSecond)
			throws IOException, InterruptedException, TimeoutException {
		long start = System.nanoTime();
		long interval = (long) (1_000_000_000L / perSecond);
		for (int i = 0; i < requests.size(); i++) {
			long wait = start + i * interval - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			send(requests.get(i), INTERACTIVE);
		}
		this.channel.waitForConfirmsOrDie(30_000);
	}

	/** Publishes one request, confirmed. */
	void publishOne(Request request, String routingKey) throws IOException, InterruptedException, TimeoutException {
		send(request, routingKey);
		this.channel.waitForConfirmsOrDie(30_000);
	}

	private void send(Request request, String routingKey) throws IOException {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.messageId(request.id())
			.build();
		this.published.put(request.id(), System.nanoTime());
		this.channel.basicPublish("outbound-sms", routingKey, true, properties,
				request.body().getBytes(StandardCharsets.UTF_8));
	}

	Long publishedAt(String requestId) {
		return this.published.get(requestId);
	}

	@Override
	public void close() throws IOException {
		try {
			this.channel.close();
		}
		catch (TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * One request.
	 *
	 * @param id its request id
	 * @param body its JSON
	 */
	record Request(String id, String body) {

		/**
		 * A request for a pair, optionally with a first message.
		 * @param id the request id
		 * @param from the Twilio number
		 * @param to the customer's number
		 * @param firstMessage whether it asks for a first message
		 */
		static Request of(String id, String from, String to, boolean firstMessage) {
			return of(id, from, to, firstMessage, null);
		}

		/**
		 * A series of requests for distinct customers, named after their kind.
		 * @param kind a word in the request ids
		 * @param offset where the customers' numbers start
		 * @param count how many
		 * @param firstMessage whether they ask for a first message
		 * @param from the Twilio numbers, taken in turn
		 */
		static List<Request> series(String kind, int offset, int count, boolean firstMessage, List<String> from) {
			return IntStream.range(0, count)
				.mapToObj((i) -> of("bench-" + kind + "-" + i, from.get(i % from.size()),
						"+1415" + String.format("%07d", offset + i), firstMessage))
				.toList();
		}

		/**
		 * A reminder of a campaign: a notify request with its message.
		 */
		static Request reminder(String id, String from, String to, String campaignId) {
			return new Request(id, "{\"requestId\":\"" + id + "\",\"mode\":\"notify\",\"fromNumber\":\"" + from
					+ "\",\"toNumber\":\"" + to + "\",\"toName\":\"Customer " + id.substring(id.lastIndexOf('-') + 1)
					+ "\",\"initialNotificationMessage\":\"Your appointment is tomorrow at 10.\",\"campaignId\":\""
					+ campaignId + "\",\"metadata\":{\"campaign\":\"reminders\"}}");
		}

		/**
		 * A request of a campaign.
		 * @param campaignId the campaign, or {@code null} for none
		 */
		static Request of(String id, String from, String to, boolean firstMessage, @Nullable String campaignId) {
			String message = firstMessage ? ",\"initialNotificationMessage\":\"Your appointment is tomorrow at 10.\""
					: "";
			return new Request(id,
					"{\"requestId\":\"" + id + "\",\"fromNumber\":\"" + from + "\",\"toNumber\":\"" + to
							+ "\",\"toName\":\"Customer " + id.substring(id.lastIndexOf('-') + 1) + "\"" + message
							+ ((campaignId != null) ? ",\"campaignId\":\"" + campaignId + "\"" : "")
							+ ",\"metadata\":{\"campaign\":\"reminders\"}}");
		}

	}

}
