package com.outboundsms.worker.processing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an outreach has made at Twilio so far: the SIDs known, and the creates that were
 * attempted (so that a create whose answer was lost is reconciled before it is repeated).
 * Immutable.
 *
 * @param outreachId the outreach's own random id, chosen when it started and kept across
 * attempts and owners: backends mark what they create with it, so that what an outreach
 * finds at Twilio can be told to be its own; empty when unknown
 * @param sids the SIDs known, by kind
 * @param attempted the kinds whose create was sent at least once
 */
public record OutreachProgress(String outreachId, Map<Sid, String> sids, Set<Sid> attempted) {

	private static final OutreachProgress NONE = new OutreachProgress("", Map.of(), Set.of());

	public OutreachProgress {
		Objects.requireNonNull(outreachId, "outreachId");
		sids = copyOf(sids);
		attempted = attempted.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(attempted));
	}

	/**
	 * Progress of an outreach that has made nothing yet and has no id: nothing it finds
	 * at Twilio can be proven its own.
	 * @return the empty progress
	 */
	public static OutreachProgress none() {
		return NONE;
	}

	/**
	 * Progress of a new outreach that has made nothing yet.
	 * @param outreachId the outreach's id
	 * @return the progress
	 */
	public static OutreachProgress start(String outreachId) {
		return new OutreachProgress(outreachId, Map.of(), Set.of());
	}

	/**
	 * An unmodifiable copy of SIDs by kind, in the kinds' order.
	 * @param sids the SIDs
	 * @return the copy
	 */
	public static Map<Sid, String> copyOf(Map<Sid, String> sids) {
		return sids.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(sids));
	}

	public boolean has(Sid kind) {
		return this.sids.containsKey(kind);
	}

	public Optional<String> sid(Sid kind) {
		return Optional.ofNullable(this.sids.get(kind));
	}

	/**
	 * The SID of a kind that must be there by now.
	 * @param kind the kind
	 * @return the SID
	 * @throws IllegalStateException if the SID is not known
	 */
	public String require(Sid kind) {
		String sid = this.sids.get(kind);
		if (sid == null) {
			throw new IllegalStateException(kind + " is not known yet");
		}
		return sid;
	}

	/**
	 * What the outreach is for, as what it made shows: a notify outreach hands the
	 * customer's reply to a Studio flow and has no agent's task yet: a conversation with
	 * a Studio webhook and no interaction (conversations), or a channel on a Studio Flex
	 * Flow and no task (legacy). An agent's task on it makes it a task outreach.
	 * @return the mode
	 */
	public OutreachMode mode() {
		boolean studioConversation = has(Sid.STUDIO_WEBHOOK) && !has(Sid.INTERACTION);
		boolean studioChannel = has(Sid.STUDIO_FLOW) && !has(Sid.TASK);
		return (studioConversation || studioChannel) ? OutreachMode.NOTIFY : OutreachMode.TASK;
	}

	/**
	 * The kind of the SIDs of the messages posted into the outreach.
	 * @return {@link Sid#CHAT_MESSAGE} for a chat channel (legacy), else
	 * {@link Sid#MESSAGE}
	 */
	public Sid messageKind() {
		return has(Sid.CHAT_CHANNEL) ? Sid.CHAT_MESSAGE : Sid.MESSAGE;
	}

	public boolean wasAttempted(Sid kind) {
		return this.attempted.contains(kind);
	}

	public OutreachProgress with(Sid kind, @Nullable String sid) {
		if (sid == null) {
			return this;
		}
		Map<Sid, String> next = new EnumMap<>(Sid.class);
		next.putAll(this.sids);
		next.put(kind, sid);
		return new OutreachProgress(this.outreachId, next, this.attempted);
	}

	public OutreachProgress attempting(Sid kind) {
		Set<Sid> next = EnumSet.noneOf(Sid.class);
		next.addAll(this.attempted);
		next.add(kind);
		return new OutreachProgress(this.outreachId, this.sids, next);
	}

}
