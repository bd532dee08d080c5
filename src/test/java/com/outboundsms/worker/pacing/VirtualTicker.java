package com.outboundsms.worker.pacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticker whose time moves only when told or when slept on, and which remembers every
 * sleep: pacing is checked without waiting.
 */
public class VirtualTicker implements Ticker {

	private final List<Long> sleeps = new ArrayList<>();

	private long now = 1_000_000_000L;

	@Override
	public synchronized long nanoTime() {
		return this.now;
	}

	@Override
	public synchronized void sleep(long nanos) {
		this.sleeps.add(nanos);
		this.now += nanos;
	}

	public synchronized void advance(Duration duration) {
		this.now += duration.toNanos();
	}

	public synchronized List<Long> sleeps() {
		return List.copyOf(this.sleeps);
	}

}
