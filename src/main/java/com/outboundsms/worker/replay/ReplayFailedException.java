package com.outboundsms.worker.replay;

import org.jspecify.annotations.Nullable;

/**
 * A replay stopped before the end of its pass; the message it was handling is still in
 * the dead-letter queue, and what was done until then is in the summary.
 */
class ReplayFailedException extends RuntimeException {

	private final transient ReplaySummary summary;

	ReplayFailedException(String message, ReplaySummary summary, @Nullable Throwable cause) {
		super(message, cause);
		this.summary = summary;
	}

	ReplaySummary summary() {
		return this.summary;
	}

}
