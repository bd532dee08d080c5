package com.outboundsms.worker.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which dead-lettered messages a replay moves: those of the given error codes (all when
 * none is given) and of the given age, measured from when they were dead-lettered. A
 * message whose age is unknown matches no age filter.
 *
 * @param errorCodes the error codes to move; empty for all
 * @param olderThan move only messages at least this old; {@code null} for any age
 * @param newerThan move only messages younger than this; {@code null} for any age
 */
record ReplayFilter(Set<String> errorCodes, @Nullable Duration olderThan, @Nullable Duration newerThan) {

	static ReplayFilter all() {
		return new ReplayFilter(Set.of(), null, null);
	}

	/**
	 * Whether the message is to be moved.
	 * @param message the message
	 * @param now the time the pass started
	 * @return {@code true} to move it
	 */
	boolean matches(DeadLetteredMessage message, Instant now) {
		if (!this.errorCodes.isEmpty() && !this.errorCodes.contains(message.errorCode())) {
			return false;
		}
		if (this.olderThan == null && this.newerThan == null) {
			return true;
		}
		Instant deadLetteredAt = message.deadLetteredAt();
		if (deadLetteredAt == null) {
			return false;
		}
		Duration age = Duration.between(deadLetteredAt, now);
		boolean oldEnough = this.olderThan == null || age.compareTo(this.olderThan) >= 0;
		boolean youngEnough = this.newerThan == null || age.compareTo(this.newerThan) < 0;
		return oldEnough && youngEnough;
	}

}
