package com.outboundsms.worker.pacing;

import java.time.Duration;

/**
 * Spaces operations at most {@code rate} per second: each permit is given one interval
 * after the previous one, the first at once. No burst is saved up while the caller is
 * busy.
 */
public final class Pacer {

	private final long intervalNanos;

	private final Ticker ticker;

	private long next;

	private boolean started;

	private int permits;

	private long waitedNanos;

	/**
	 * Creates a pacer.
	 * @param ratePerSecond the most permits per second, at least 1
	 * @param ticker the time it reads and waits on
	 * @throws IllegalArgumentException if the rate is below 1
	 */
	public Pacer(int ratePerSecond, Ticker ticker) {
		if (ratePerSecond < 1) {
			throw new IllegalArgumentException("the rate must be at least 1 per second, was " + ratePerSecond);
		}
		this.intervalNanos = Duration.ofSeconds(1).toNanos() / ratePerSecond;
		this.ticker = ticker;
	}

	/**
	 * Waits until the next operation may happen.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void acquire() throws InterruptedException {
		long now = this.ticker.nanoTime();
		if (this.started && this.next - now > 0) {
			long wait = this.next - now;
			this.ticker.sleep(wait);
			this.waitedNanos += wait;
			now = this.next;
		}
		this.started = true;
		this.next = now + this.intervalNanos;
		this.permits++;
	}

	public int permits() {
		return this.permits;
	}

	public Duration waited() {
		return Duration.ofNanos(this.waitedNanos);
	}

	public Duration interval() {
		return Duration.ofNanos(this.intervalNanos);
	}

}
