package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator answers an Interaction create: at once with everything made (the
 * default, and 80102 when the customer is already in an open conversation), or the way
 * Twilio documents it, accepted at once and set up later.
 *
 * <p>
 * Deferred, the create answers with the interaction, its channel ({@code setup}) and its
 * task, but no conversation in the task attributes. The first request the emulator
 * handles once {@code delay} has passed since the create sets it up: the conversation
 * with the customer, the channel {@code active}; or, when the customer's number pair is
 * already held by a conversation that is not closed, the conversation without the
 * customer and the channel {@code failed} with error code 80102, its task left pending.
 * Interactions are set up in the order they were created; the delay in force when one is
 * looked at counts, so shortening it releases those waiting.
 *
 * @param deferred whether creates are set up later
 * @param delay how long after its create an interaction is set up, when deferred;
 * {@link Duration#ZERO} for the first request after the create
 */
public record InteractionSetup(boolean deferred, Duration delay) {

	public InteractionSetup {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("the setup delay must not be negative, got " + delay);
		}
	}

	/**
	 * Everything made by the create itself, 80102 answered at once.
	 * @return the default setup
	 */
	public static InteractionSetup immediate() {
		return new InteractionSetup(false, Duration.ZERO);
	}

	/**
	 * Accepted at once, set up once the delay has passed.
	 * @param delay how long after its create an interaction is set up
	 * @return the documented, asynchronous setup
	 */
	public static InteractionSetup deferred(Duration delay) {
		return new InteractionSetup(true, delay);
	}

}
