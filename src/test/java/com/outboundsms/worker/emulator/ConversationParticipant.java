package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A participant of a conversation: a chat identity, or an SMS binding.
 *
 * @param sid the MB SID
 * @param conversationSid the CH SID of its conversation
 * @param identity the chat identity, {@code null} for an SMS participant
 * @param binding the SMS binding, {@code null} for a chat participant
 * @param attributes the attributes JSON text ({@code {}} when not given)
 * @param created when it joined
 */
public record ConversationParticipant(String sid, String conversationSid, @Nullable String identity,
		@Nullable MessagingBinding binding, String attributes, Instant created) {

	/**
	 * Whether this participant is the customer address texted from the proxy address.
	 */
	public boolean holds(MessagingBinding pair) {
		return pair.equals(this.binding);
	}

	public boolean hasAddress(String address) {
		return this.binding != null && this.binding.address().equals(address);
	}

}
