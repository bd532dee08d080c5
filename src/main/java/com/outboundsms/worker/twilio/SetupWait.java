package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import com.outboundsms.worker.processing.Sleeper;
import com.outboundsms.worker.processing.TransientFailure;

/**
 * Looks again while Twilio sets up an interaction it accepted: every
 * {@link InteractionSetupProperties#poll()}, for up to
 * {@link InteractionSetupProperties#maxWait()} by the clock, then gives the attempt up as
 * a transient failure.
 */
final class SetupWait {

	private final InteractionSetupProperties setup;

	private final Clock clock;

	private final Sleeper sleeper;

	SetupWait(InteractionSetupProperties setup, Clock clock, Sleeper sleeper) {
		this.setup = setup;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * Looks until a look finds something.
	 * @param look one look: empty while the interaction is being set up
	 * @param notYet what to do once, when the first look finds nothing
	 * @return what the first look that found something found
	 * @throws TransientFailure when nothing was found within the longest wait
	 */
	<T> T until(Supplier<Optional<T>> look, Runnable notYet) {
		Instant giveUpAt = this.clock.instant().plus(this.setup.maxWait());
		boolean looked = false;
		while (true) {
			Optional<T> found = look.get();
			if (found.isPresent()) {
				return found.get();
			}
			if (!looked) {
				notYet.run();
				looked = true;
			}
			Duration left = Duration.between(this.clock.instant(), giveUpAt);
			if (left.isNegative() || left.isZero()) {
				throw new TransientFailure("Twilio had not added the customer to the interaction's conversation within "
						+ this.setup.maxWait() + "; the next attempt looks again and creates nothing");
			}
			this.sleeper.sleep((this.setup.poll().compareTo(left) < 0) ? this.setup.poll() : left);
		}
	}

}
