package com.outboundsms.worker.inbound;

import java.util.Optional;

import com.outboundsms.worker.processing.NumberPair;
import org.slf4j.MDC;

/**
 * The logging context of one delivery: its attempt, request id and masked number pair, in
 * the consumer thread's MDC while the delivery is processed, so that every line written
 * meanwhile, by any package, says which request it is about.
 */
final class DeliveryContext implements AutoCloseable {

	static final String REQUEST_ID = "requestId";

	static final String PAIR = "pair";

	static final String ATTEMPT = "attempt";

	private DeliveryContext() {
	}

	/**
	 * Starts the context of a delivery; the request id is not known until the body is
	 * read.
	 * @param attempt the delivery's attempt
	 * @return the context, to close once the delivery is settled
	 */
	static DeliveryContext open(Attempt attempt) {
		MDC.put(ATTEMPT, Integer.toString(attempt.number()));
		return new DeliveryContext();
	}

	/**
	 * Names the request; the pair only masked, since log lines leave the worker.
	 * @param requestId the request id
	 * @param pair the normalized numbers, when the request had valid ones
	 */
	void identify(String requestId, Optional<NumberPair> pair) {
		MDC.put(REQUEST_ID, requestId);
		pair.ifPresent((numbers) -> MDC.put(PAIR, numbers.masked()));
	}

	/**
	 * Clears the context: consumer threads are pooled and go on to other requests.
	 */
	@Override
	public void close() {
		MDC.remove(REQUEST_ID);
		MDC.remove(PAIR);
		MDC.remove(ATTEMPT);
	}

}
