package com.outboundsms.worker.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead-lettered messages a replay moves: those of the given error codes (all when
 * none is given) and of the given age, measured from when they were dead-lettered. A
 * message whose age is unknown matches no age filter.
 *
 * @param errorCodes the error codes to move; empty for all
 * @param olderThan move only messages at least this old
 * @param newerThan move only messages younger than this
 */
record ReplayFilter(Set<String> errorCodes, Optional<Duration> olderThan, Optional<Duration> newerThan) {

	static ReplayFilter all() {
		return new ReplayFilter(Set.of(), Optional.empty(), Optional.empty());
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
		if (this.olderThan.isEmpty() && this.newerThan.isEmpty()) {
			return true;
		}
		if (message.deadLetteredAt().isEmpty()) {
			return false;
		}
		Duration age = Duration.between(message.deadLetteredAt().get(), now);
		boolean oldEnough = this.olderThan.map((min) -> age.compareTo(min) >= 0).orElse(true);
		boolean youngEnough = this.newerThan.map((max) -> age.compareTo(max) < 0).orElse(true);
		return oldEnough && youngEnough;
	}

}
