package com.outboundsms.worker.processing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A pause that moves a fake clock instead of sleeping, records how long it was asked to
 * wait, and lets a test play what other workers do meanwhile. It fails the test rather
 * than let a caller that never gives up wait forever.
 */
final class ClockAdvancingSleeper implements Sleeper {

	private static final int LIMIT = 10_000;

	private final MutableClock clock;

	private final List<Duration> pauses = new ArrayList<>();

	private Runnable meanwhile = () -> {
	};

	ClockAdvancingSleeper(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public void sleep(Duration duration) {
		if (this.pauses.size() >= LIMIT) {
			throw new AssertionError("still waiting after " + LIMIT + " pauses: the caller never gives up");
		}
		this.pauses.add(duration);
		this.clock.advance(duration);
		this.meanwhile.run();
	}

	/**
	 * Runs the action after every pause, once the clock has moved.
	 * @param action what happens elsewhere while the caller waits
	 */
	void meanwhile(Runnable action) {
		this.meanwhile = action;
	}

	List<Duration> pauses() {
		return List.copyOf(this.pauses);
	}

}
