package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Orders the conversations whose timers will change their state by when the next change
 * is due, so that each request finds what has come due without reading every
 * conversation. Not thread-safe: callers hold the state lock.
 */
final class TimerQueue {

	private final Map<String, Instant> dueBySid = new HashMap<>();

	private final NavigableSet<Due> order = new TreeSet<>(Comparator.comparing(Due::at).thenComparing(Due::sid));

	/**
	 * Sets when a conversation's next timed change is due, {@code null} for never.
	 */
	void schedule(String sid, @Nullable Instant at) {
		Instant previous = (at != null) ? this.dueBySid.put(sid, at) : this.dueBySid.remove(sid);
		if (previous != null) {
			this.order.remove(new Due(previous, sid));
		}
		if (at != null) {
			this.order.add(new Due(at, sid));
		}
	}

	/**
	 * The conversation whose change is due first, if it is due by {@code now}.
	 */
	@Nullable String firstDue(Instant now) {
		if (this.order.isEmpty() || this.order.first().at().isAfter(now)) {
			return null;
		}
		return this.order.first().sid();
	}

	int size() {
		return this.dueBySid.size();
	}

	void clear() {
		this.dueBySid.clear();
		this.order.clear();
	}

	private record Due(Instant at, String sid) {

	}

}
