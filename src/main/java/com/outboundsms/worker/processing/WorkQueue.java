package com.outboundsms.worker.processing;

import org.jspecify.annotations.Nullable;

/**
 * The worker's queues whose depth operators watch: each lane's backlog, and what could
 * not succeed.
 */
public enum WorkQueue {

	/** The interactive lane's request queue: requests waiting for a worker. */
	REQUESTS(Lane.INTERACTIVE),
	/** The bulk lane's request queue: campaign requests waiting for a worker. */
	BULK_REQUESTS(Lane.BULK),
	/** The dead-letter queue, of both lanes: requests that could not succeed. */
	DEAD_LETTERS(null);

	private final @Nullable Lane lane;

	WorkQueue(@Nullable Lane lane) {
		this.lane = lane;
	}

	/**
	 * The lane whose requests wait in the queue.
	 * @return the lane, or {@code null} for a queue both lanes share
	 */
	public @Nullable Lane lane() {
		return this.lane;
	}

}
