package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies the rules of Twilio Conversations: a customer is in at most one conversation
 * that is not closed on a Twilio number (80102); conversations made directly may carry
 * state timers, which need a state (50382); activity wakes an inactive conversation;
 * closing a conversation completes its interaction's task and closes the interaction's
 * channel; every state change is reported to the listener. Callers hold the state lock,
 * which makes a check and the change it allows one step.
 */
final class ConversationsBackend {

	/**
	 * Twilio documents error 80102 but not the HTTP status it comes with: a guess.
	 */
	static final int ALREADY_IN_INTERACTION_STATUS = 400;

	static final int ALREADY_IN_INTERACTION = 80102;

	/**
	 * The code for a message or a state change on a closed conversation: a guess (the
	 * Conversations error list has no exact match).
	 */
	static final int CONVERSATION_CLOSED = 50438;

	/**
	 * Timers sent without {@code State}, as Twilio's own outbound sample reports it; the
	 * HTTP status is a guess.
	 */
	static final int TIMERS_NEED_STATE = 50382;

	static final int UNIQUE_NAME_TAKEN = 50353;

	static final String CREATED_BY = "system";

	private final EmulatorState state;

	private final ConversationStateListener listener;

	ConversationsBackend(EmulatorState state) {
		this(state, ConversationStateListener.NONE);
	}

	ConversationsBackend(EmulatorState state, ConversationStateListener listener) {
		this.state = state;
		this.listener = listener;
	}

	/**
	 * Seeds an open conversation with an SMS participant, as Flex makes one for an
	 * inbound text.
	 */
	Conversation createConversationFor(MessagingBinding pair) {
		if (this.state.conversations.openHolder(pair).isPresent()) {
			throw new TwilioApiException(ALREADY_IN_INTERACTION_STATUS, ALREADY_IN_INTERACTION,
					"Participant Already In Interaction: " + pair.address());
		}
		return open(pair.address(), "{}", List.of(pair));
	}

	/**
	 * Creates a conversation without participants ({@code POST /v1/Conversations}),
	 * active unless a state is sent, with the timers sent.
	 */
	Conversation create(ConversationFields fields) {
		if (fields.hasTimers() && fields.state() == null) {
			throw new TwilioApiException(400, TIMERS_NEED_STATE, "Timers can be set only together with State");
		}
		String newState = requireState(fields.state());
		String attributes = (fields.attributes() != null) ? validAttributes(fields.attributes()) : "{}";
		ConversationTimers timers = timers(fields, ConversationTimers.none(this.state.now()));
		requireUniqueName(fields.uniqueName(), null);
		Instant now = this.state.now();
		Conversation conversation = new Conversation(Sids.next("CH"), this.state.defaultChatServiceSid(),
				fields.uniqueName(), fields.friendlyName(), attributes, (newState != null) ? newState : "active",
				CREATED_BY, now, now, "closed".equals(newState) ? now : null, timers, List.of());
		this.state.conversations.put(conversation);
		return conversation;
	}

	Conversation conversation(String sidOrUniqueName) {
		Conversation conversation = this.state.conversations.conversation(sidOrUniqueName);
		if (conversation == null) {
			throw TwilioApiException.notFound("/v1/Conversations/" + sidOrUniqueName);
		}
		return conversation;
	}

	/**
	 * Updates names, attributes, timers and state; a closed conversation stays closed.
	 */
	Conversation update(String sidOrUniqueName, ConversationFields fields) {
		Conversation conversation = conversation(sidOrUniqueName);
		String newState = requireState(fields.state());
		if (fields.attributes() != null) {
			validAttributes(fields.attributes());
		}
		requireUniqueName(fields.uniqueName(), conversation.sid());
		Instant now = this.state.now();
		if (fields.hasDetails()) {
			conversation = conversation.withDetails(
					(fields.friendlyName() != null) ? fields.friendlyName() : conversation.friendlyName(),
					(fields.attributes() != null) ? fields.attributes() : conversation.attributes(),
					(fields.uniqueName() != null) ? fields.uniqueName() : conversation.uniqueName(), now);
			this.state.conversations.put(conversation);
		}
		if (fields.hasTimers()) {
			conversation = conversation.withTimers(timers(fields, conversation.timers()), now);
			this.state.conversations.put(conversation);
		}
		if (newState != null && !newState.equals(conversation.state())) {
			conversation = changeState(conversation, newState, now, ConversationStateListener.Reason.API);
		}
		return conversation;
	}

	/**
	 * Closes a conversation as an agent wrapping up does: the pair is free again and the
	 * interaction's task is completed. Closing twice is a no-op.
	 */
	Conversation close(String sidOrUniqueName) {
		Conversation conversation = conversation(sidOrUniqueName);
		return conversation.isClosed() ? conversation
				: changeState(conversation, "closed", this.state.now(), ConversationStateListener.Reason.API);
	}

	void delete(String sidOrUniqueName) {
		this.state.conversations.remove(conversation(sidOrUniqueName).sid());
	}

	/**
	 * Lists every participation of an SMS address or a chat identity, closed
	 * conversations included, each as the participant and its conversation.
	 */
	List<ParticipantConversation> participantConversations(@Nullable String address, @Nullable String identity) {
		if (address == null && identity == null) {
			throw TwilioApiException.missingParameter("Address or Identity");
		}
		List<ParticipantConversation> found = new ArrayList<>();
		for (Conversation conversation : this.state.conversations.conversationsOf(address, identity)) {
			for (ConversationParticipant participant : conversation.participants()) {
				boolean byAddress = address != null && participant.hasAddress(address);
				boolean byIdentity = identity != null && identity.equals(participant.identity());
				if (byAddress || byIdentity) {
					found.add(new ParticipantConversation(participant, conversation));
				}
			}
		}
		return found;
	}

	/**
	 * Makes an active conversation with the SMS participants given; the caller has
	 * checked that none of them is in another open conversation on the same number.
	 */
	Conversation open(String friendlyName, String attributes, List<MessagingBinding> pairs) {
		Instant now = this.state.now();
		String sid = Sids.next("CH");
		List<ConversationParticipant> participants = new ArrayList<>();
		for (MessagingBinding pair : pairs) {
			participants.add(new ConversationParticipant(Sids.next("MB"), sid, null, pair, "{}", now));
		}
		Conversation conversation = new Conversation(sid, this.state.defaultChatServiceSid(), null, friendlyName,
				attributes, "active", CREATED_BY, now, now, null, ConversationTimers.none(now), participants);
		this.state.conversations.put(conversation);
		return conversation;
	}

	/**
	 * Records activity on a conversation (a message, a participant): its timers start
	 * again, and an inactive conversation becomes active, as Twilio's states guide says.
	 */
	Conversation touch(Conversation conversation, Instant now) {
		Conversation touched = conversation.withActivity(now);
		this.state.conversations.put(touched);
		return "inactive".equals(touched.state())
				? changeState(touched, "active", now, ConversationStateListener.Reason.EVENT) : touched;
	}

	/**
	 * Changes a conversation's state at {@code at}: an active conversation's timers start
	 * again, a closed one frees its participants' pairs, completes its interaction's task
	 * and closes the interaction's channel; the listener hears of it.
	 * @throws TwilioApiException when the conversation is closed already
	 */
	Conversation changeState(Conversation conversation, String newState, Instant at,
			ConversationStateListener.Reason reason) {
		requireOpen(conversation);
		Conversation changed = conversation.withState(newState, at);
		if ("active".equals(newState)) {
			changed = changed.withActivity(at);
		}
		this.state.conversations.put(changed);
		if (changed.isClosed()) {
			completeTasks(changed.sid());
			closeInteractionChannel(changed);
		}
		this.listener.stateChanged(conversation.state(), changed, reason);
		return changed;
	}

	static Conversation requireOpen(Conversation conversation) {
		if (conversation.isClosed()) {
			throw new TwilioApiException(400, CONVERSATION_CLOSED, "Conversation " + conversation.sid() + " is closed");
		}
		return conversation;
	}

	static String validAttributes(String attributes) {
		Json.parse("Attributes", attributes);
		return attributes;
	}

	private static @Nullable String requireState(@Nullable String newState) {
		if (newState != null && !Conversation.STATES.contains(newState)) {
			throw TwilioApiException.invalidParameter("State", newState);
		}
		return newState;
	}

	private static ConversationTimers timers(ConversationFields fields, ConversationTimers current) {
		Duration inactive = ConversationTimers.parse("Timers.Inactive", fields.timersInactive(),
				ConversationTimers.MIN_INACTIVE);
		Duration closed = ConversationTimers.parse("Timers.Closed", fields.timersClosed(),
				ConversationTimers.MIN_CLOSED);
		return current.with(inactive, closed);
	}

	private void requireUniqueName(@Nullable String uniqueName, @Nullable String ownSid) {
		if (uniqueName == null) {
			return;
		}
		Conversation holder = this.state.conversations.conversation(uniqueName);
		if (holder != null && !holder.sid().equals(ownSid)) {
			throw new TwilioApiException(409, UNIQUE_NAME_TAKEN,
					"Conversation with provided unique name already exists");
		}
	}

	private void completeTasks(String conversationSid) {
		this.state.conversations.tasks()
			.stream()
			.filter((task) -> conversationSid.equals(task.conversationSid()))
			.forEach((task) -> this.state.conversations.put(task.withStatus(InteractionTask.COMPLETED)));
	}

	/** The interaction a conversation's attributes name ends with it. */
	private void closeInteractionChannel(Conversation conversation) {
		JsonNode interactionSid = conversation.attributesNode().path("flexInteractionSid");
		Interaction interaction = interactionSid.isString()
				? this.state.conversations.interaction(interactionSid.asString()) : null;
		if (interaction != null && !interaction.isChannelClosed()) {
			this.state.conversations.put(interaction.closed());
		}
	}

	/**
	 * One row of a ParticipantConversations list.
	 *
	 * @param participant the participant
	 * @param conversation its conversation
	 */
	record ParticipantConversation(ConversationParticipant participant, Conversation conversation) {

	}

}
