package com.outboundsms.worker.pacing;

import java.util.concurrent.TimeUnit;

/**
 * The monotonic time and the waiting a {@link Pacer} uses, replaceable so that tests
 * check the pacing without waiting.
 */
public interface Ticker {

	long nanoTime();

	void sleep(long nanos) throws InterruptedException;

	static Ticker system() {
		return new Ticker() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void sleep(long nanos) throws InterruptedException {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}

		};
	}

}
