package com.outboundsms.worker.processing;

/**
 * What became of a request, as the result event's {@code outcome} and routing key say.
 */
public enum Outcome {

	/** This request created the outreach. */
	CREATED,
	/** An outreach for the pair was already open; nothing new was created. */
	REUSED,
	/** Nothing usable was made; the request is in the dead-letter queue. */
	FAILED,
	/**
	 * The request's campaign was cancelled before the request was settled: nothing was
	 * made or sent, and the request is not dead-lettered.
	 */
	CANCELLED,
	/**
	 * The request could not be sent before its {@code notAfter}: nothing was made or
	 * sent, and the request is not dead-lettered.
	 */
	EXPIRED

}
