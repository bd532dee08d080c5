package com.outboundsms.worker.processing;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The lane a request travels in: interactive (a person waits for the answer) or bulk (a
 * campaign). Twilio's budget serves the interactive lane first, so the lane of the
 * request a thread works on is kept, for the calls that thread makes, while it works on
 * it.
 */
public enum Lane {

	/** Requests a person waits for: the HTTP API's, and producers' by default. */
	INTERACTIVE,

	/** Campaigns and other requests nobody waits for at once. */
	BULK;

	// the calls to Twilio are made deep in the SDK on the listener's thread, which knows
	// nothing of the request they serve
	private static final ThreadLocal<@Nullable Lane> CURRENT = new ThreadLocal<>();

	/**
	 * The lane of the request this thread works on.
	 * @return that lane, or {@link #INTERACTIVE} outside a request (start-up checks, the
	 * HTTP API's own calls), which must not wait behind a campaign
	 */
	public static Lane current() {
		Lane lane = CURRENT.get();
		return (lane != null) ? lane : INTERACTIVE;
	}

	/**
	 * Does work for a request of this lane.
	 * @param <T> what the work returns
	 * @param work the work
	 * @return what it returned
	 */
	public <T> T run(Supplier<T> work) {
		Lane previous = CURRENT.get();
		CURRENT.set(this);
		try {
			return work.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

}
