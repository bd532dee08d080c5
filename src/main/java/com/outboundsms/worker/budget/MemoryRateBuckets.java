package com.outboundsms.worker.budget;

import java.util.HashMap;
import java.util.Map;

import com.outboundsms.worker.pacing.Ticker;

/**
 * The buckets of one instance, in memory: what the embedded store's single instance uses.
 */
public final class MemoryRateBuckets implements RateBuckets {

	private final Map<String, Bucket> buckets = new HashMap<>();

	private final Ticker ticker;

	/**
	 * Creates the buckets.
	 * @param ticker the time they refill by
	 */
	public MemoryRateBuckets(Ticker ticker) {
		this.ticker = ticker;
	}

	@Override
	public synchronized Take take(String bucket, double perSecond, double floor) {
		long now = this.ticker.nanoTime();
		double capacity = RateBuckets.capacity(perSecond, floor);
		Bucket state = this.buckets.computeIfAbsent(bucket, (name) -> new Bucket(capacity, now));
		// the monotonic ticker never goes back, but a bucket's rate may change between
		// calls
		double elapsed = Math.max(0, now - state.refilledAt) / 1e9;
		state.tokens = Math.min(capacity, state.tokens + perSecond * elapsed);
		state.refilledAt = now;
		if (state.tokens - 1 >= floor - ROUNDING) {
			state.tokens -= 1;
			return new Take(true, state.tokens);
		}
		return new Take(false, state.tokens);
	}

	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		private Bucket(double tokens, long refilledAt) {
			this.tokens = tokens;
			this.refilledAt = refilledAt;
		}

	}

}
