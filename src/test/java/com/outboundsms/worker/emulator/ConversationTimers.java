package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * A conversation's state timers, both counted from its last activity: after
 * {@code inactive} an active conversation goes inactive, after {@code closed} it closes.
 *
 * <p>
 * Activity is the conversation's creation, a message, a new participant, or being set
 * active again; Twilio's own example (created 22:18:37, inactive 22:19:38, closed
 * 22:28:38 for one and ten minutes) counts both timers from the same moment.
 *
 * @param inactive how long without activity until it goes inactive, {@code null} when not
 * set
 * @param closed how long without activity until it closes, {@code null} when not set
 * @param lastActivity when the timers last started
 */
public record ConversationTimers(@Nullable Duration inactive, @Nullable Duration closed, Instant lastActivity) {

	/** Twilio's documented minimum of {@code Timers.Inactive}. */
	static final Duration MIN_INACTIVE = Duration.ofMinutes(1);

	/** Twilio's documented minimum of {@code Timers.Closed}. */
	static final Duration MIN_CLOSED = Duration.ofMinutes(10);

	static ConversationTimers none(Instant now) {
		return new ConversationTimers(null, null, now);
	}

	/**
	 * Reads an ISO-8601 duration such as {@code PT10M} or {@code P1D}; weeks, months and
	 * years are refused, as their length is not fixed.
	 * @throws TwilioApiException 20001 when the value is no such duration or is below the
	 * minimum
	 */
	static @Nullable Duration parse(String parameter, @Nullable String value, Duration minimum) {
		if (value == null) {
			return null;
		}
		Duration duration;
		try {
			duration = Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw TwilioApiException.invalidParameter(parameter, value + " (not an ISO-8601 duration)");
		}
		if (duration.compareTo(minimum) < 0) {
			throw TwilioApiException.invalidParameter(parameter, value + " (the minimum is " + minimum + ")");
		}
		return duration;
	}

	public boolean isSet() {
		return this.inactive != null || this.closed != null;
	}

	/**
	 * When an active conversation goes inactive, if nothing happens before.
	 */
	public @Nullable Instant dateInactive() {
		return (this.inactive != null) ? this.lastActivity.plus(this.inactive) : null;
	}

	/**
	 * When the conversation closes, if nothing happens before.
	 */
	public @Nullable Instant dateClosed() {
		return (this.closed != null) ? this.lastActivity.plus(this.closed) : null;
	}

	ConversationTimers restartedAt(Instant at) {
		return new ConversationTimers(this.inactive, this.closed, at);
	}

	ConversationTimers with(@Nullable Duration newInactive, @Nullable Duration newClosed) {
		return new ConversationTimers((newInactive != null) ? newInactive : this.inactive,
				(newClosed != null) ? newClosed : this.closed, this.lastActivity);
	}

	/**
	 * The change these timers make next to a conversation in the given state, or
	 * {@code null} when they make none.
	 */
	@Nullable TimedChange next(String state) {
		if ("closed".equals(state)) {
			return null;
		}
		Instant closing = dateClosed();
		Instant resting = "active".equals(state) ? dateInactive() : null;
		if (resting != null && (closing == null || resting.isBefore(closing))) {
			return new TimedChange("inactive", resting);
		}
		return (closing != null) ? new TimedChange("closed", closing) : null;
	}

	/**
	 * A state change a timer makes.
	 *
	 * @param state the state it changes to
	 * @param at when it is due
	 */
	record TimedChange(String state, Instant at) {

	}

}
