package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Picks how long a request waits before its next attempt: exponential backoff with full
 * jitter (a uniform draw between zero and the attempt's ceiling, which doubles per
 * attempt), rounded down to one of the delay queues' fixed delays, since a broker queue
 * expires messages after one fixed time.
 */
final class RetryDelays {

	private final List<Duration> delays;

	private final IntervalFunction ceilings;

	private final DoubleSupplier random;

	/**
	 * Creates the picker.
	 * @param delays the delay queues' delays, shortest first, each the double of the one
	 * before
	 * @param random uniform draws in [0, 1)
	 */
	RetryDelays(List<Duration> delays, DoubleSupplier random) {
		if (delays.isEmpty()) {
			throw new IllegalArgumentException("at least one retry delay is needed");
		}
		this.delays = List.copyOf(delays);
		this.ceilings = IntervalFunction.ofExponentialBackoff(delays.get(0), 2, delays.get(delays.size() - 1));
		this.random = random;
	}

	/**
	 * The delay before the next attempt, no shorter than a wait the failure asked for.
	 * @param failedAttempt the number of the attempt that just failed, from 1
	 * @param atLeast the shortest wait that makes sense
	 * @return one of the configured delays
	 */
	Duration after(int failedAttempt, Duration atLeast) {
		Duration drawn = after(failedAttempt);
		if (drawn.compareTo(atLeast) >= 0) {
			return drawn;
		}
		// the shortest delay queue that waits long enough, else the longest there is
		for (Duration delay : this.delays) {
			if (delay.compareTo(atLeast) >= 0) {
				return delay;
			}
		}
		return this.delays.get(this.delays.size() - 1);
	}

	/**
	 * The delay before the next attempt.
	 * @param failedAttempt the number of the attempt that just failed, from 1
	 * @return one of the configured delays
	 */
	Duration after(int failedAttempt) {
		long drawn = (long) (this.random.getAsDouble() * this.ceilings.apply(failedAttempt));
		Duration chosen = this.delays.get(0);
		for (Duration delay : this.delays) {
			if (delay.toMillis() <= drawn) {
				chosen = delay;
			}
		}
		return chosen;
	}

	/**
	 * The configured delay nearest a wanted one (the shorter of two as near).
	 * @param wanted the delay wanted
	 * @return one of the configured delays
	 */
	Duration nearest(Duration wanted) {
		Duration nearest = this.delays.get(0);
		for (Duration delay : this.delays) {
			if (delay.minus(wanted).abs().compareTo(nearest.minus(wanted).abs()) < 0) {
				nearest = delay;
			}
		}
		return nearest;
	}

	List<Duration> all() {
		return this.delays;
	}

	/**
	 * The delay queue's name for a delay.
	 * @param requestQueue the request queue's name
	 * @param delay the delay
	 * @return such as {@code outbound-sms.requests.retry.4000ms}
	 */
	static String queueName(String requestQueue, Duration delay) {
		return requestQueue + ".retry." + delay.toMillis() + "ms";
	}

}
