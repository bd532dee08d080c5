package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies the rules of Twilio Conversations: a customer is in at most one conversation
 * that is not closed on a Twilio number (80102); messages go into conversations that are
 * not closed and are texted to their SMS participants; closing a conversation completes
 * its interaction's task and closes the interaction's channel. Callers hold the state
 * lock, which makes a check and the change it allows one step.
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

	static final String CREATED_BY = "system";

	private final EmulatorState state;

	ConversationsBackend(EmulatorState state) {
		this.state = state;
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

	Conversation conversation(String sidOrUniqueName) {
		Conversation conversation = this.state.conversations.conversation(sidOrUniqueName);
		if (conversation == null) {
			throw TwilioApiException.notFound("/v1/Conversations/" + sidOrUniqueName);
		}
		return conversation;
	}

	/**
	 * Updates names, attributes and state; a closed conversation stays closed.
	 */
	Conversation update(String sidOrUniqueName, @Nullable String friendlyName, @Nullable String attributes,
			@Nullable String uniqueName, @Nullable String newState) {
		Conversation conversation = conversation(sidOrUniqueName);
		if (newState != null && !Conversation.STATES.contains(newState)) {
			throw TwilioApiException.invalidParameter("State", newState);
		}
		if (attributes != null) {
			Json.parse("Attributes", attributes);
		}
		Instant now = this.state.now();
		if (friendlyName != null || attributes != null || uniqueName != null) {
			conversation = conversation.withDetails((friendlyName != null) ? friendlyName : conversation.friendlyName(),
					(attributes != null) ? attributes : conversation.attributes(),
					(uniqueName != null) ? uniqueName : conversation.uniqueName(), now);
			this.state.conversations.put(conversation);
		}
		if (newState != null && !newState.equals(conversation.state())) {
			conversation = changeState(conversation, newState, now);
		}
		return conversation;
	}

	/**
	 * Closes a conversation as an agent wrapping up does: the pair is free again and the
	 * interaction's task is completed. Closing twice is a no-op.
	 */
	Conversation close(String sidOrUniqueName) {
		Conversation conversation = conversation(sidOrUniqueName);
		return conversation.isClosed() ? conversation : changeState(conversation, "closed", this.state.now());
	}

	void delete(String sidOrUniqueName) {
		this.state.conversations.remove(conversation(sidOrUniqueName).sid());
	}

	ConversationMessage post(String sidOrUniqueName, @Nullable String body, @Nullable String author,
			@Nullable String attributes) {
		Conversation conversation = conversation(sidOrUniqueName);
		if (conversation.isClosed()) {
			throw closed(conversation);
		}
		if (attributes != null) {
			Json.parse("Attributes", attributes);
		}
		Instant now = this.state.now();
		ConversationMessage message = new ConversationMessage(Sids.next("IM"), conversation.sid(),
				this.state.conversations.messages(conversation.sid()).size(), (author != null) ? author : CREATED_BY,
				(body != null) ? body : "", (attributes != null) ? attributes : "{}", now);
		this.state.conversations.add(message);
		// a message wakes an inactive conversation, as Twilio's inactive timer describes
		this.state.conversations.put(conversation.withState("active", now));
		for (ConversationParticipant participant : conversation.participants()) {
			MessagingBinding binding = participant.binding();
			if (binding != null) {
				this.state.chat.add(new DeliveredSms(null, conversation.sid(), binding.address(),
						binding.proxyAddress(), message.body(), now));
			}
		}
		return message;
	}

	List<ConversationMessage> messages(String sidOrUniqueName) {
		return this.state.conversations.messages(conversation(sidOrUniqueName).sid());
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
			participants.add(new ConversationParticipant(Sids.next("MB"), sid, null, pair, now));
		}
		Conversation conversation = new Conversation(sid, this.state.defaultChatServiceSid(), null, friendlyName,
				attributes, "active", CREATED_BY, now, now, null, participants);
		this.state.conversations.put(conversation);
		return conversation;
	}

	private Conversation changeState(Conversation conversation, String newState, Instant now) {
		if (conversation.isClosed()) {
			throw closed(conversation);
		}
		Conversation changed = conversation.withState(newState, now);
		this.state.conversations.put(changed);
		if (changed.isClosed()) {
			completeTasks(changed.sid());
			closeInteractionChannel(changed);
		}
		return changed;
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

	private static TwilioApiException closed(Conversation conversation) {
		return new TwilioApiException(400, CONVERSATION_CLOSED, "Conversation " + conversation.sid() + " is closed");
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
