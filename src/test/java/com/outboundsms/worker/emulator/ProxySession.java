package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Proxy session with its participants.
 *
 * @param sid the KC SID
 * @param serviceSid the KS SID
 * @param uniqueName the unique name, if any
 * @param status {@code open|in-progress|closed|failed|unknown}
 * @param mode {@code message-only|voice-only|voice-and-message}
 * @param ttl seconds
 * @param dateExpiry the expiry, if set
 * @param dateEnded when it was closed
 * @param dateLastInteraction when a message last went through it
 * @param closedReason why it was closed
 * @param created when it was created
 * @param updated when it last changed
 * @param participants its participants (at most two)
 */
public record ProxySession(String sid, String serviceSid, @Nullable String uniqueName, String status, String mode,
		int ttl, @Nullable Instant dateExpiry, @Nullable Instant dateEnded, @Nullable Instant dateLastInteraction,
		@Nullable String closedReason, Instant created, Instant updated, List<ProxyParticipant> participants) {

	public ProxySession {
		participants = List.copyOf(participants);
	}

	/**
	 * Open and in-progress sessions are active: their participants hold their proxy
	 * numbers.
	 */
	public boolean isActive() {
		return "open".equals(this.status) || "in-progress".equals(this.status);
	}

	ProxySession withStatus(String newStatus, @Nullable Instant ended, @Nullable String reason, Instant now) {
		return new ProxySession(this.sid, this.serviceSid, this.uniqueName, newStatus, this.mode, this.ttl,
				this.dateExpiry, ended, this.dateLastInteraction, reason, this.created, now, this.participants);
	}

	ProxySession withExpiry(int newTtl, @Nullable Instant expiry, Instant now) {
		return new ProxySession(this.sid, this.serviceSid, this.uniqueName, this.status, this.mode, newTtl, expiry,
				this.dateEnded, this.dateLastInteraction, this.closedReason, this.created, now, this.participants);
	}

	ProxySession withInteraction(Instant now) {
		return new ProxySession(this.sid, this.serviceSid, this.uniqueName, "in-progress", this.mode, this.ttl,
				this.dateExpiry, this.dateEnded, now, this.closedReason, this.created, now, this.participants);
	}

	ProxySession withParticipant(ProxyParticipant participant, Instant now) {
		List<ProxyParticipant> all = new ArrayList<>(this.participants);
		all.add(participant);
		return new ProxySession(this.sid, this.serviceSid, this.uniqueName, this.status, this.mode, this.ttl,
				this.dateExpiry, this.dateEnded, this.dateLastInteraction, this.closedReason, this.created, now, all);
	}

}
