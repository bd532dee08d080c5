package com.outboundsms.worker.replay;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.outboundsms.worker.deadletter.DeadLetterHeaders;
import com.outboundsms.worker.pacing.Pacer;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.jspecify.annotations.Nullable;

/**
 * One bounded pass over the dead-letter queue on one channel with publisher confirms:
 * takes at most as many messages as the queue held at the start, one at a time with
 * {@code basicGet}; publishes a match to the request exchange in its own lane, a
 * non-match back to the dead-letter queue, both mandatory and persistent; and
 * acknowledges the taken message only after the broker confirmed the copy. A copy that is
 * refused or returned leaves the taken message unacknowledged (the broker puts it back
 * when the channel closes) and ends the pass with {@link ReplayFailedException}.
 */
class DeadLetterReplay {

	private final Channel channel;

	private final ReplayTarget target;

	private final ReplayOptions options;

	private final Pacer pacer;

	private final Clock clock;

	private final AtomicReference<@Nullable String> returned = new AtomicReference<>();

	DeadLetterReplay(Channel channel, ReplayTarget target, ReplayOptions options, Pacer pacer, Clock clock) {
		this.channel = channel;
		this.target = target;
		this.options = options;
		this.pacer = pacer;
		this.clock = clock;
	}

	/**
	 * Runs the pass.
	 * @return what it did
	 * @throws ReplayFailedException if a copy was not confirmed, with what was done until
	 * then
	 */
	ReplaySummary run() {
		ReplaySummary summary = new ReplaySummary(this.options.dryRun());
		try {
			this.channel.confirmSelect();
			this.channel.addReturnListener((ret) -> this.returned.set(ret.getReplyCode() + " " + ret.getReplyText()
					+ " (exchange '" + ret.getExchange() + "', routing key '" + ret.getRoutingKey() + "')"));
			Instant now = this.clock.instant();
			long depth = depth(summary);
			summary.started(depth);
			for (long taken = 0; taken < depth && summary.moved() < this.options.limit(); taken++) {
				GetResponse response = this.channel.basicGet(this.target.deadLetterQueue(), false);
				if (response == null) {
					break;
				}
				examine(response, now, summary);
			}
			return summary;
		}
		catch (IOException | TimeoutException ex) {
			throw new ReplayFailedException("the broker failed the replay: " + reason(ex), summary, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReplayFailedException("interrupted", summary, ex);
		}
	}

	private long depth(ReplaySummary summary) {
		try {
			return this.channel.messageCount(this.target.deadLetterQueue());
		}
		catch (IOException ex) {
			throw new ReplayFailedException(
					"cannot read the dead-letter queue '" + this.target.deadLetterQueue() + "': " + reason(ex), summary,
					ex);
		}
	}

	private void examine(GetResponse response, Instant now, ReplaySummary summary)
			throws IOException, TimeoutException, InterruptedException {
		AMQP.BasicProperties properties = response.getProps();
		DeadLetteredMessage message = DeadLetteredMessage.of(properties.getHeaders(), properties.getMessageId(),
				properties.getTimestamp());
		if (!this.options.filter().matches(message, now)) {
			putBack(response, summary);
			summary.kept(message);
			return;
		}
		if (this.options.dryRun()) {
			putBack(response, summary);
			summary.moved(message);
			return;
		}
		this.pacer.acquire();
		AMQP.BasicProperties replayed = properties.builder()
			.headers(ReplayedHeaders.of(properties.getHeaders(), this.clock.instant()))
			.deliveryMode(2)
			.build();
		publish(this.target.requestExchange(), this.target.routingKeyFor(properties.getHeaders()), replayed,
				response.getBody(), summary);
		this.channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
		summary.moved(message);
	}

	/**
	 * Puts a message back at the tail of the dead-letter queue as it was (body,
	 * properties, headers; only the {@code x-delivery-count} the quorum queue added to
	 * this delivery is left out), through the default exchange, so the pass never takes
	 * it again: it takes only as many messages as were ahead of it.
	 */
	private void putBack(GetResponse response, ReplaySummary summary)
			throws IOException, TimeoutException, InterruptedException {
		AMQP.BasicProperties properties = response.getProps();
		AMQP.BasicProperties asDeadLettered = properties.builder()
			.headers(ReplayedHeaders.withoutDeliveryCount(properties.getHeaders()))
			.build();
		publish("", this.target.deadLetterQueue(), asDeadLettered, response.getBody(), summary);
		this.channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
	}

	private void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
			ReplaySummary summary) throws IOException, TimeoutException, InterruptedException {
		this.returned.set(null);
		this.channel.basicPublish(exchange, routingKey, true, properties, body);
		// nack or timeout: throws and closes the
		// channel, which puts the taken message back
		this.channel.waitForConfirmsOrDie(this.target.confirmTimeout().toMillis());
		// the broker sends a return before the confirm of the same message
		String returnedBecause = this.returned.get();
		if (returnedBecause != null) {
			throw new ReplayFailedException("the broker could not route the copy: " + returnedBecause, summary, null);
		}
	}

	/**
	 * The broker's words: the channel's close reason when it closed the channel.
	 */
	private static @Nullable String reason(Exception failure) {
		return (failure.getMessage() != null || failure.getCause() == null) ? String.valueOf(failure.getMessage())
				: failure.getCause().getMessage();
	}

	/**
	 * Where a replay reads and writes.
	 *
	 * @param deadLetterQueue the queue read
	 * @param requestExchange the exchange matches go to
	 * @param requestRoutingKey the routing key they go with, back to the interactive lane
	 * @param bulkQueue the bulk lane's queue, whose name (or its fair-share queues',
	 * which start with it) the broker gives when it dead-letters from there by itself
	 * @param bulkRoutingKey the routing key of those that came in the bulk lane
	 * @param confirmTimeout how long to wait for each confirm
	 */
	record ReplayTarget(String deadLetterQueue, String requestExchange, String requestRoutingKey, String bulkQueue,
			String bulkRoutingKey, Duration confirmTimeout) {

		/**
		 * The routing key back to the lane a dead letter came in: the worker's
		 * {@code x-lane}, else the queue the broker dead-lettered it from; the
		 * interactive lane for one that names neither.
		 * @param headers the dead letter's headers, possibly {@code null}
		 * @return the routing key
		 */
		String routingKeyFor(@Nullable Map<String, @Nullable Object> headers) {
			if (headers == null) {
				return this.requestRoutingKey;
			}
			boolean bulk = "bulk".equals(String.valueOf(headers.get(DeadLetterHeaders.LANE)))
					|| String.valueOf(headers.get("x-first-death-queue")).startsWith(this.bulkQueue);
			return bulk ? this.bulkRoutingKey : this.requestRoutingKey;
		}

	}

}
