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

	private final SidIndex byUniqueName = new SidIndex();

	private final SidIndex byParticipant = new SidIndex();

	/**
	 * Removes every session; services stay, so their SIDs remain valid.
	 */
	void clearSessions() {
		this.sessions.clear();
		this.byUniqueName.clear();
		this.byParticipant.clear();
	}

	void addService(String sid, String uniqueName) {
		this.services.put(sid, uniqueName);
	}

	boolean hasService(String sid) {
		return this.services.containsKey(sid);
	}

	void put(ProxySession session) {
		ProxySession replaced = this.sessions.put(session.sid(), session);
		this.byUniqueName.refile(session.sid(), nameKeys(replaced), nameKeys(session));
		this.byParticipant.refile(session.sid(), participantKeys(replaced), participantKeys(session));
	}

	void remove(String sid) {
		ProxySession removed = this.sessions.remove(sid);
		this.byUniqueName.refile(sid, nameKeys(removed), List.of());
		this.byParticipant.refile(sid, participantKeys(removed), List.of());
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
		return !this.byUniqueName.get(List.of(serviceSid, uniqueName)).isEmpty();
	}

	/**
	 * Finds another active session of the service that already holds the participant's
	 * identifier and proxy identifier pair.
	 */
	Optional<ProxySession> activeHolder(String serviceSid, ParticipantSpec participant,
			@Nullable String exceptSessionSid) {
		if (participant.proxyIdentifier() == null) {
			return Optional.empty();
		}
		return this.byParticipant
			.get(participantKey(serviceSid, participant.identifier(), participant.proxyIdentifier()))
			.stream()
			.map(this.sessions::get)
			.filter(ProxySession::isActive)
			.filter((session) -> !session.sid().equals(exceptSessionSid))
			.findFirst();
	}

	private static List<List<String>> nameKeys(@Nullable ProxySession session) {
		if (session == null || session.uniqueName() == null) {
			return List.of();
		}
		return List.of(List.of(session.serviceSid(), session.uniqueName()));
	}

	private static List<List<String>> participantKeys(@Nullable ProxySession session) {
		if (session == null) {
			return List.of();
		}
		return session.participants()
			.stream()
			.filter((participant) -> participant.proxyIdentifier() != null)
			.map((participant) -> participantKey(session.serviceSid(), participant.identifier(),
					participant.proxyIdentifier()))
			.toList();
	}

	private static List<String> participantKey(String serviceSid, String identifier, String proxyIdentifier) {
		return List.of(serviceSid, identifier, proxyIdentifier);
	}

}
