package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Applies the rules of conversation messages: they go into conversations that are not
 * closed, wake an inactive one, and are texted to its SMS participants, unless one of
 * them opted out of the participant's proxy address (21610), which refuses the message.
 * Callers hold the state lock.
 */
final class MessageBackend {

	private final EmulatorState state;

	private final ConversationsBackend conversations;

	MessageBackend(EmulatorState state, ConversationsBackend conversations) {
		this.state = state;
		this.conversations = conversations;
	}

	ConversationMessage post(String sidOrUniqueName, @Nullable String body, @Nullable String author,
			@Nullable String attributes) {
		Conversation conversation = ConversationsBackend.requireOpen(this.conversations.conversation(sidOrUniqueName));
		if (attributes != null) {
			ConversationsBackend.validAttributes(attributes);
		}
		Instant now = this.state.now();
		String text = (body != null) ? body : "";
		refuseOptedOut(conversation, text, now);
		ConversationMessage message = new ConversationMessage(Sids.next("IM"), conversation.sid(),
				this.state.conversations.messages(conversation.sid()).size(),
				(author != null) ? author : ConversationsBackend.CREATED_BY, text,
				(attributes != null) ? attributes : "{}", now);
		this.state.conversations.add(message);
		this.conversations.touch(conversation, now);
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
		return this.state.conversations.messages(this.conversations.conversation(sidOrUniqueName).sid());
	}

	/**
	 * Refuses the whole message when one of its SMS participants opted out of the
	 * participant's proxy address, as Programmable Messaging refuses a send; Twilio may
	 * instead accept a conversation message and fail its delivery, which the emulator
	 * does not model.
	 */
	private void refuseOptedOut(Conversation conversation, String body, Instant now) {
		for (ConversationParticipant participant : conversation.participants()) {
			MessagingBinding binding = participant.binding();
			if (binding != null && this.state.optOuts.blocks(binding.proxyAddress(), binding.address())) {
				this.state.chat.add(new RefusedSms(new DeliveredSms(null, conversation.sid(), binding.address(),
						binding.proxyAddress(), body, now), OptOuts.UNSUBSCRIBED));
				throw OptOuts.unsubscribed(binding.address());
			}
		}
	}

}
