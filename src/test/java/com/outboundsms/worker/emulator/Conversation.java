package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Twilio Conversation with its participants, as Flex Conversations or a direct create
 * makes them.
 *
 * @param sid the CH SID
 * @param chatServiceSid the IS SID of the conversation service
 * @param uniqueName the unique name, if any
 * @param friendlyName the name
 * @param attributes the attributes JSON text ({@code {}} when unset)
 * @param state {@code active|inactive|closed}
 * @param createdBy who created it ({@code system} for Flex)
 * @param created when it was created
 * @param updated when it last changed
 * @param dateClosed when it was closed, {@code null} while not closed
 * @param timers its state timers
 * @param participants its participants, in joining order
 */
public record Conversation(String sid, String chatServiceSid, @Nullable String uniqueName,
		@Nullable String friendlyName, String attributes, String state, String createdBy, Instant created,
		Instant updated, @Nullable Instant dateClosed, ConversationTimers timers,
		List<ConversationParticipant> participants) {

	static final Set<String> STATES = Set.of("active", "inactive", "closed");

	public Conversation {
		participants = List.copyOf(participants);
	}

	/**
	 * Returns a fresh parsed copy of the attributes (a copy so callers cannot change the
	 * record).
	 */
	public ObjectNode attributesNode() {
		JsonNode node = Json.MAPPER.readTree(this.attributes);
		return node.isObject() ? (ObjectNode) node : Json.object();
	}

	public boolean isClosed() {
		return "closed".equals(this.state);
	}

	public boolean hasParticipant(MessagingBinding pair) {
		return this.participants.stream().anyMatch((participant) -> participant.holds(pair));
	}

	/**
	 * The state change its timers make next, or {@code null} when they make none.
	 */
	ConversationTimers.@Nullable TimedChange nextTimedChange() {
		return this.timers.next(this.state);
	}

	Conversation withState(String newState, Instant now) {
		Instant closedAt = "closed".equals(newState) ? now : null;
		return new Conversation(this.sid, this.chatServiceSid, this.uniqueName, this.friendlyName, this.attributes,
				newState, this.createdBy, this.created, now, closedAt, this.timers, this.participants);
	}

	Conversation withDetails(@Nullable String newFriendlyName, String newAttributes, @Nullable String newUniqueName,
			Instant now) {
		return new Conversation(this.sid, this.chatServiceSid, newUniqueName, newFriendlyName, newAttributes,
				this.state, this.createdBy, this.created, now, this.dateClosed, this.timers, this.participants);
	}

	Conversation withTimers(ConversationTimers newTimers, Instant now) {
		return new Conversation(this.sid, this.chatServiceSid, this.uniqueName, this.friendlyName, this.attributes,
				this.state, this.createdBy, this.created, now, this.dateClosed, newTimers, this.participants);
	}

	/**
	 * The conversation after activity at {@code now}: updated, its timers started again.
	 */
	Conversation withActivity(Instant now) {
		return withTimers(this.timers.restartedAt(now), now);
	}

	Conversation withParticipant(ConversationParticipant participant, Instant now) {
		List<ConversationParticipant> all = new ArrayList<>(this.participants);
		all.add(participant);
		return withParticipants(all, now);
	}

	Conversation withoutParticipant(String participantSid, Instant now) {
		return withParticipants(
				this.participants.stream().filter((participant) -> !participant.sid().equals(participantSid)).toList(),
				now);
	}

	private Conversation withParticipants(List<ConversationParticipant> all, Instant now) {
		return new Conversation(this.sid, this.chatServiceSid, this.uniqueName, this.friendlyName, this.attributes,
				this.state, this.createdBy, this.created, now, this.dateClosed, this.timers, all);
	}

}
