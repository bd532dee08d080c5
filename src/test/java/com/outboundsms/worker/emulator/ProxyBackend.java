package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies Proxy's rules: unique session names (80603), at most two participants (80609),
 * one active session per identifier and proxy number (80604), status transitions, and
 * binding a chat channel participant to its session through the channel's
 * {@code proxySession} attribute. Callers hold the state lock.
 */
final class ProxyBackend {

	private static final Set<String> MODES = Set.of("message-only", "voice-only", "voice-and-message");

	private static final Set<String> STATUSES = Set.of("open", "in-progress", "closed", "failed", "unknown");

	private final EmulatorState state;

	ProxyBackend(EmulatorState state) {
		this.state = state;
	}

	String createService(String uniqueName) {
		String sid = Sids.next("KS");
		this.state.proxy.addService(sid, uniqueName);
		return sid;
	}

	ProxySession createSession(String serviceSid, NewProxySession request) {
		requireService(serviceSid);
		String mode = oneOf("Mode", request.mode(), MODES, "voice-and-message");
		String status = oneOf("Status", request.status(), STATUSES, "open");
		if (request.participants().size() > 2) {
			throw tooManyParticipants();
		}
		if (request.uniqueName() != null && this.state.proxy.uniqueNameTaken(serviceSid, request.uniqueName())) {
			throw new TwilioApiException(400, 80603, "Non Unique Session Name");
		}
		for (ParticipantSpec participant : request.participants()) {
			requireFree(serviceSid, participant, null);
		}
		Instant now = this.state.now();
		Instant expiry = (request.dateExpiry() != null) ? TwilioTime.parse(request.dateExpiry()) : null;
		String sid = Sids.next("KC");
		List<ProxyParticipant> participants = new ArrayList<>();
		for (ParticipantSpec spec : request.participants()) {
			participants.add(participant(serviceSid, sid, spec, now));
		}
		ProxySession session = new ProxySession(sid, serviceSid, request.uniqueName(), status, mode,
				(request.ttl() != null) ? request.ttl() : 0, expiry, null, null, null, now, now, participants);
		this.state.proxy.put(session);
		participants.forEach((participant) -> bindChatChannel(participant.identifier(), sid));
		return session;
	}

	ProxyParticipant addParticipant(String serviceSid, String sessionSid, ParticipantSpec spec) {
		ProxySession session = session(serviceSid, sessionSid);
		if (!session.isActive()) {
			throw new TwilioApiException(400, 80607, "Session is closed and cannot be updated");
		}
		if (session.participants().size() >= 2) {
			throw tooManyParticipants();
		}
		if (session.participants().stream().anyMatch((held) -> held.identifier().equals(spec.identifier()))) {
			throw new TwilioApiException(400, 80103, "The identifier is already a participant in the Session");
		}
		requireFree(serviceSid, spec, null);
		Instant now = this.state.now();
		ProxyParticipant participant = participant(serviceSid, sessionSid, spec, now);
		this.state.proxy.put(session.withParticipant(participant, now));
		bindChatChannel(spec.identifier(), sessionSid);
		return participant;
	}

	ProxySession session(String serviceSid, String sessionSid) {
		requireService(serviceSid);
		ProxySession session = this.state.proxy.session(sessionSid);
		if (session == null || !session.serviceSid().equals(serviceSid)) {
			throw TwilioApiException.notFound("/v1/Services/" + serviceSid + "/Sessions/" + sessionSid);
		}
		return session;
	}

	List<ProxySession> sessions(String serviceSid) {
		requireService(serviceSid);
		return this.state.proxy.sessions(serviceSid);
	}

	/**
	 * Updates status, ttl and expiry; only open/in-progress to closed and closed to
	 * in-progress are allowed (80608), and reopening must not take a proxy number another
	 * session holds (80801).
	 */
	ProxySession update(String serviceSid, String sessionSid, @Nullable String status, @Nullable Integer ttl,
			@Nullable String dateExpiry) {
		ProxySession session = session(serviceSid, sessionSid);
		Instant now = this.state.now();
		if (ttl != null || dateExpiry != null) {
			if (!session.isActive()) {
				throw new TwilioApiException(400, 80607, "Session is closed and cannot be updated");
			}
			session = session.withExpiry((ttl != null) ? ttl : session.ttl(),
					(dateExpiry != null) ? TwilioTime.parse(dateExpiry) : session.dateExpiry(), now);
		}
		if (status != null && !status.equals(session.status())) {
			session = transition(session, oneOf("Status", status, STATUSES, "open"), now);
		}
		this.state.proxy.put(session);
		return session;
	}

	private ProxySession transition(ProxySession session, String status, Instant now) {
		if ("closed".equals(status) && session.isActive()) {
			return session.withStatus("closed", now, "api", now);
		}
		if ("in-progress".equals(status) && "closed".equals(session.status())) {
			for (ProxyParticipant held : session.participants()) {
				ParticipantSpec spec = new ParticipantSpec(held.identifier(), held.proxyIdentifier(),
						held.friendlyName());
				if (this.state.proxy.activeHolder(session.serviceSid(), spec, session.sid()).isPresent()) {
					throw new TwilioApiException(400, 80801, "Invalid attempt to re-open a Session");
				}
			}
			return session.withStatus("in-progress", null, null, now);
		}
		throw new TwilioApiException(400, 80608,
				"Session status cannot change from " + session.status() + " to " + status);
	}

	/**
	 * Closes a session if it is active, as an agent, the janitor or the API does; closing
	 * twice is a no-op.
	 */
	ProxySession close(ProxySession session, String reason) {
		if (!session.isActive()) {
			return session;
		}
		Instant now = this.state.now();
		ProxySession closed = session.withStatus("closed", now, reason, now);
		this.state.proxy.put(closed);
		return closed;
	}

	void delete(String serviceSid, String sessionSid) {
		session(serviceSid, sessionSid);
		this.state.proxy.remove(sessionSid);
	}

	private void requireService(String serviceSid) {
		if (!this.state.proxy.hasService(serviceSid)) {
			throw TwilioApiException.notFound("/v1/Services/" + serviceSid);
		}
	}

	private void requireFree(String serviceSid, ParticipantSpec participant, @Nullable String exceptSessionSid) {
		if (this.state.proxy.activeHolder(serviceSid, participant, exceptSessionSid).isPresent()) {
			throw new TwilioApiException(400, 80604, "Proxy identifier already in use with requested identifier.");
		}
	}

	private ProxyParticipant participant(String serviceSid, String sessionSid, ParticipantSpec spec, Instant now) {
		return new ProxyParticipant(Sids.next("KP"), sessionSid, serviceSid, spec.identifier(), spec.proxyIdentifier(),
				spec.friendlyName(), now);
	}

	/**
	 * Flex's integration writes the session SID into the chat channel's attributes,
	 * keeping the rest.
	 */
	private void bindChatChannel(String identifier, String sessionSid) {
		ChatChannel channel = this.state.chat.channel(identifier);
		if (channel == null) {
			return;
		}
		ObjectNode attributes = channel.attributesNode();
		attributes.put("proxySession", sessionSid);
		this.state.chat.put(channel.withAttributes(Json.write(attributes), this.state.now()));
	}

	private static String oneOf(String name, @Nullable String value, Set<String> allowed, String fallback) {
		if (value == null) {
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw TwilioApiException.invalidParameter(name, value);
		}
		return value;
	}

	private static TwilioApiException tooManyParticipants() {
		return new TwilioApiException(400, 80609, "A Session may have at most 2 participants");
	}

}
