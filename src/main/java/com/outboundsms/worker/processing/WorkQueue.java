package com.outboundsms.worker.processing;

/**
 * The worker's queues whose depth operators watch: the backlog, and what could not
 * succeed.
 */
public enum WorkQueue {

	/** The request queue: requests waiting for a worker. */
	REQUESTS,
	/** The dead-letter queue: requests that could not succeed. */
	DEAD_LETTERS

}
