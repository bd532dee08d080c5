package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Holds the Proxy services and their sessions, and answers the uniqueness questions
 * Proxy's rules ask. Not thread-safe: callers hold the state lock.
 */
final class ProxyStore {

	private final Map<String, String> services = new LinkedHashMap<>();

	private final Map<String, ProxySession> sessions = new LinkedHashMap<>();

	/**
	 * Removes every session; services stay, so their SIDs remain valid.
	 */
	void clearSessions() {
		this.sessions.clear();
	}

	void addService(String sid, String uniqueName) {
		this.services.put(sid, uniqueName);
	}

	boolean hasService(String sid) {
		return this.services.containsKey(sid);
	}

	void put(ProxySession session) {
		this.sessions.put(session.sid(), session);
	}

	void remove(String sid) {
		this.sessions.remove(sid);
	}

	@Nullable ProxySession session(String sid) {
		return this.sessions.get(sid);
	}

	List<ProxySession> sessions() {
		return new ArrayList<>(this.sessions.values());
	}

	List<ProxySession> sessions(String serviceSid) {
		return this.sessions.values().stream().filter((session) -> session.serviceSid().equals(serviceSid)).toList();
	}

	/**
	 * Whether a session of the service that was not deleted (closed ones included) holds
	 * the name.
	 */
	boolean uniqueNameTaken(String serviceSid, String uniqueName) {
		return sessions(serviceSid).stream().anyMatch((session) -> uniqueName.equals(session.uniqueName()));
	}

	/**
	 * Finds another active session of the service that already holds the participant's
	 * identifier and proxy identifier pair.
	 */
	Optional<ProxySession> activeHolder(String serviceSid, ParticipantSpec participant,
			@Nullable String exceptSessionSid) {
		return sessions(serviceSid).stream()
			.filter(ProxySession::isActive)
			.filter((session) -> !session.sid().equals(exceptSessionSid))
			.filter((session) -> session.participants().stream().anyMatch((held) -> held.holds(participant)))
			.findFirst();
	}

}
