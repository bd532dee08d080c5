package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Applies the participant rules of Conversations: an SMS binding (customer address and
 * proxy address) is in at most one conversation that is not closed, whichever API put it
 * there (50416 here, 80102 for an interaction), and a chat identity once per conversation
 * (50433); a new participant is activity, and closed conversations take none. Callers
 * hold the state lock.
 */
final class ParticipantBackend {

	static final int BINDING_IN_USE = 50416;

	static final int BINDING_IN_USE_STATUS = 409;

	/** The HTTP status is a guess; Twilio documents only the code. */
	static final int IDENTITY_IN_USE = 50433;

	private final EmulatorState state;

	private final ConversationsBackend conversations;

	ParticipantBackend(EmulatorState state, ConversationsBackend conversations) {
		this.state = state;
		this.conversations = conversations;
	}

	/**
	 * Adds an SMS participant ({@code address} and {@code proxyAddress}) or a chat one
	 * ({@code identity}).
	 * @throws TwilioApiException 50416 naming the conversation that holds the binding
	 */
	ConversationParticipant add(String conversationSidOrName, @Nullable String identity, @Nullable String address,
			@Nullable String proxyAddress, @Nullable String attributes) {
		Conversation conversation = ConversationsBackend
			.requireOpen(this.conversations.conversation(conversationSidOrName));
		if (identity == null && address == null) {
			throw TwilioApiException.missingParameter("Identity or MessagingBinding.Address");
		}
		if (address != null && proxyAddress == null) {
			throw TwilioApiException.missingParameter("MessagingBinding.ProxyAddress");
		}
		if (attributes != null) {
			ConversationsBackend.validAttributes(attributes);
		}
		MessagingBinding binding = (address != null && proxyAddress != null)
				? new MessagingBinding(address, proxyAddress) : null;
		if (binding != null) {
			this.state.conversations.openHolder(binding).ifPresent((holder) -> {
				throw bindingInUse(holder.sid());
			});
		}
		if (identity != null && find(conversation, identity).isPresent()) {
			throw new TwilioApiException(409, IDENTITY_IN_USE, "Participant already exists: " + identity);
		}
		Instant now = this.state.now();
		ConversationParticipant participant = new ConversationParticipant(Sids.next("MB"), conversation.sid(), identity,
				binding, (attributes != null) ? attributes : "{}", now);
		this.conversations.touch(conversation.withParticipant(participant, now), now);
		return participant;
	}

	List<ConversationParticipant> list(String conversationSidOrName) {
		return this.conversations.conversation(conversationSidOrName).participants();
	}

	/**
	 * Finds a participant by SID, or a chat participant by identity, as the path allows.
	 */
	ConversationParticipant participant(String conversationSidOrName, String sidOrIdentity) {
		Conversation conversation = this.conversations.conversation(conversationSidOrName);
		return find(conversation, sidOrIdentity).orElseThrow(() -> TwilioApiException
			.notFound("/v1/Conversations/" + conversation.sid() + "/Participants/" + sidOrIdentity));
	}

	/**
	 * Removes a participant; an SMS participant's binding is free again.
	 */
	void remove(String conversationSidOrName, String sidOrIdentity) {
		ConversationParticipant participant = participant(conversationSidOrName, sidOrIdentity);
		Conversation conversation = this.conversations.conversation(participant.conversationSid());
		this.state.conversations.put(conversation.withoutParticipant(participant.sid(), this.state.now()));
	}

	/**
	 * Twilio's text names the conversation that holds the binding (Twilio's own sample
	 * reads the SID from it).
	 */
	static TwilioApiException bindingInUse(String holderSid) {
		return new TwilioApiException(BINDING_IN_USE_STATUS, BINDING_IN_USE,
				"A binding for this participant and proxy address already exists in Conversation " + holderSid);
	}

	private static Optional<ConversationParticipant> find(Conversation conversation, String sidOrIdentity) {
		return conversation.participants()
			.stream()
			.filter((participant) -> participant.sid().equals(sidOrIdentity)
					|| sidOrIdentity.equals(participant.identity()))
			.findFirst();
	}

}
