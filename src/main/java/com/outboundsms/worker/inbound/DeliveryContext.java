package com.outboundsms.worker.inbound;

import com.outboundsms.worker.processing.NumberPair;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.amqp.core.MessageProperties;

/**
 * The logging context of one delivery: its attempt, redeliveries, request id and masked
 * number pair, in the consumer thread's MDC while the delivery is processed, so that
 * every line written meanwhile, by any package, says which request it is about.
 */
final class DeliveryContext implements AutoCloseable {

	static final String REQUEST_ID = "requestId";

	static final String PAIR = "pair";

	static final String ATTEMPT = "attempt";

	static final String REDELIVERIES = "redeliveries";

	/** What quorum queues count a message's earlier deliveries in. */
	static final String DELIVERY_COUNT = "x-delivery-count";

	private DeliveryContext() {
	}

	/**
	 * Starts the context of a delivery (the request id is not known until the body is
	 * read), with how often the broker delivered this message before (a worker died or
	 * let go of it), so that a crash loop shows in the logs.
	 * @param attempt the delivery's attempt
	 * @param properties the delivery's properties
	 * @return the context, to close once the delivery is settled
	 */
	static DeliveryContext open(Attempt attempt, MessageProperties properties) {
		MDC.put(ATTEMPT, Integer.toString(attempt.number()));
		MDC.put(REDELIVERIES, Long.toString(redeliveries(properties)));
		return new DeliveryContext();
	}

	static long redeliveries(MessageProperties properties) {
		if (properties.getHeaders().get(DELIVERY_COUNT) instanceof Number count) {
			return Math.max(0, count.longValue());
		}
		return Boolean.TRUE.equals(properties.isRedelivered()) ? 1 : 0;
	}

	/**
	 * Names the request; the pair only masked, since log lines leave the worker.
	 * @param requestId the request id
	 * @param pair the normalized numbers, or {@code null} when the request had no valid
	 * ones
	 */
	void identify(String requestId, @Nullable NumberPair pair) {
		MDC.put(REQUEST_ID, requestId);
		if (pair != null) {
			MDC.put(PAIR, pair.masked());
		}
	}

	/**
	 * Clears the context: consumer threads are pooled and go on to other requests.
	 */
	@Override
	public void close() {
		MDC.remove(REQUEST_ID);
		MDC.remove(PAIR);
		MDC.remove(ATTEMPT);
		MDC.remove(REDELIVERIES);
	}

}
