package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An SMS texted to the customer because a message was posted into a chat channel bound to
 * an active Proxy session, or into a conversation with an SMS participant.
 *
 * @param sessionSid the KC SID of the session that relayed it, {@code null} for a
 * conversation (Conversations texts without Proxy)
 * @param channelSid the chat channel or conversation the message was posted into
 * @param to the customer's number (the phone participant's identifier)
 * @param from the Twilio number (its proxy identifier)
 * @param body the text
 * @param at when it was relayed
 */
public record DeliveredSms(@Nullable String sessionSid, String channelSid, String to, String from, String body,
		Instant at) {

	/**
	 * The conversation the message was posted into, {@code null} when Proxy relayed it
	 * from a chat channel.
	 */
	public @Nullable String conversationSid() {
		return (this.sessionSid == null) ? this.channelSid : null;
	}

}
