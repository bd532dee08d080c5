package com.outboundsms.worker.processing;

import java.time.Instant;

/**
 * When a lane may send to a customer: the lane's daily window in the customer's time.
 * Implemented by the send windows' adapter, which knows where a number is.
 */
@FunctionalInterface
public interface SendWindows {

	/**
	 * The earliest instant, at or after {@code from}, at which the lane may send to the
	 * number.
	 * @param lane the lane the request travels in
	 * @param toNumber the customer's number, E.164
	 * @param from the earliest instant of interest
	 * @return {@code from} itself when the lane has no window or its window is open then,
	 * else when it opens
	 */
	Instant opensAt(Lane lane, String toNumber, Instant from);

	/**
	 * No window on any lane.
	 * @return windows that are always open
	 */
	static SendWindows none() {
		return (lane, toNumber, from) -> from;
	}

}
