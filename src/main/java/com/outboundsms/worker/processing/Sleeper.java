package com.outboundsms.worker.processing;

import java.time.Duration;

/**
 * Waits a while; tests replace it with one that moves a fake clock.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Waits for the given time.
	 * @param duration how long
	 * @throws TransientFailure if the thread is interrupted while waiting
	 */
	void sleep(Duration duration);

	/**
	 * The sleeper that blocks the calling thread.
	 * @return a blocking sleeper
	 */
	static Sleeper threadSleeping() {
		return (duration) -> {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TransientFailure("interrupted while waiting", ex);
			}
		};
	}

}
