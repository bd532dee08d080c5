package com.outboundsms.worker.processing;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What an outreach is for: an agent's task now, or a message now and a task only when the
 * customer replies.
 */
public enum OutreachMode {

	/** An agent talks to the customer now: the outreach makes a task. */
	TASK,
	/**
	 * A reminder: the message is sent now, and the task is made by the Studio flow when
	 * the customer replies, so unanswered reminders never reach an agent.
	 */
	NOTIFY;

	/**
	 * The mode as the contract writes it.
	 * @return {@code task} or {@code notify}
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads the contract's name of a mode.
	 * @param wireName {@code task} or {@code notify}
	 * @return the mode, or empty for any other text
	 */
	public static Optional<OutreachMode> ofWireName(@Nullable String wireName) {
		for (OutreachMode mode : values()) {
			if (mode.wireName().equals(wireName)) {
				return Optional.of(mode);
			}
		}
		return Optional.empty();
	}

}
