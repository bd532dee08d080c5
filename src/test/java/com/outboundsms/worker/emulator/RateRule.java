package com.outboundsms.worker.emulator;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A per-endpoint rate of the {@link FaultPlan}: a token bucket holding one second of the
 * rate (at least one call), refilled as time passes, so that calls beyond the rate are
 * answered 429 as Twilio answers them. Guarded by the plan's lock.
 */
final class RateRule {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final RequestMatch match;

	private final double perSecond;

	private final double capacity;

	private double tokens;

	private long refilledAt;

	RateRule(@Nullable String method, Pattern path, double perSecond, long now) {
		this.match = new RequestMatch(method, path);
		this.perSecond = perSecond;
		this.capacity = Math.max(1, perSecond);
		this.tokens = this.capacity;
		this.refilledAt = now;
	}

	boolean matches(String requestMethod, String requestPath) {
		return this.match.matches(requestMethod, requestPath);
	}

	/**
	 * Takes a token for a call made now.
	 * @param now the time in nanoseconds, of one monotonic source
	 * @return whether the call is within the rate
	 */
	boolean take(long now) {
		long elapsed = Math.max(0, now - this.refilledAt);
		this.tokens = Math.min(this.capacity, this.tokens + elapsed / NANOS_PER_SECOND * this.perSecond);
		this.refilledAt = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
