package com.outboundsms.worker.processing;

/**
 * How many calls to the backend one worker makes at once at most. A request makes its
 * calls one after another, so the listener takes no more requests at once than this.
 *
 * @param maxCallsInFlight the ceiling of calls in flight
 */
public record CallCapacity(int maxCallsInFlight) {

	public CallCapacity {
		if (maxCallsInFlight < 1) {
			throw new IllegalArgumentException("maxCallsInFlight must be positive, got " + maxCallsInFlight);
		}
	}

}
