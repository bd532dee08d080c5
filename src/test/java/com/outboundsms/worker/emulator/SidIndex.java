package com.outboundsms.worker.emulator;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SIDs filed under each key of a lookup Twilio answers by value (a unique name, a
 * flow and target, a participant's numbers), in the order they were filed, so that such a
 * lookup costs what Twilio's does rather than a scan of every resource. Not thread-safe:
 * callers hold the state lock.
 */
final class SidIndex {

	private final Map<List<String>, Set<String>> sids = new HashMap<>();

	/**
	 * Files a resource that replaces an earlier version of itself under its new keys, and
	 * takes it out from under the keys it no longer has; where a key stays, so does its
	 * place in the order.
	 */
	void refile(String sid, Collection<List<String>> oldKeys, Collection<List<String>> newKeys) {
		for (List<String> key : oldKeys) {
			if (!newKeys.contains(key)) {
				remove(key, sid);
			}
		}
		for (List<String> key : newKeys) {
			add(key, sid);
		}
	}

	void add(List<String> key, String sid) {
		this.sids.computeIfAbsent(key, (any) -> new LinkedHashSet<>()).add(sid);
	}

	void remove(List<String> key, String sid) {
		Set<String> filed = this.sids.get(key);
		if (filed != null && filed.remove(sid) && filed.isEmpty()) {
			this.sids.remove(key);
		}
	}

	/** The SIDs filed under the key, oldest first; empty when none. */
	Set<String> get(List<String> key) {
		return this.sids.getOrDefault(key, Set.of());
	}

	void clear() {
		this.sids.clear();
	}

}
