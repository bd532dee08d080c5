package com.outboundsms.worker.processing;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of Twilio resource an outreach is made of, with the result event field that
 * carries each.
 */
public enum Sid {

	/** The Flex Flow whose contact identity is the Twilio number (legacy). */
	FLEX_FLOW("flexFlowSid"),
	/** The Chat service the flow's channels live in (legacy; not in the result event). */
	CHAT_SERVICE(null),
	/** The Flex chat channel, which makes Flex create the task (legacy). */
	CHAT_CHANNEL("chatChannelSid"),
	/** The Proxy session tying the channel to the customer's phone (legacy). */
	PROXY_SESSION("proxySessionSid"),
	/** The TaskRouter task Flex created for the channel or interaction. */
	TASK("taskSid"),
	/** The first message posted to the chat channel (legacy). */
	CHAT_MESSAGE("chatMessageSid"),
	/** The conversation behind an interaction (conversations). */
	CONVERSATION("conversationSid"),
	/** The Flex interaction (conversations). */
	INTERACTION("interactionSid"),
	/** The interaction's channel (conversations). */
	INTERACTION_CHANNEL("interactionChannelSid"),
	/** The first message posted to the conversation (conversations). */
	MESSAGE("messageSid"),
	/**
	 * The customer's SMS participant in a notify conversation (conversations; not in the
	 * result event).
	 */
	PARTICIPANT(null),
	/**
	 * A notify conversation's webhook to the Studio flow that makes the task on the
	 * customer's reply (conversations; not in the result event).
	 */
	STUDIO_WEBHOOK(null),
	/**
	 * The Studio flow ({@code FW…}) that a notify outreach's Studio Flex Flow hands the
	 * customer's reply to, whose "Send to Flex" makes the task (legacy; not in the result
	 * event).
	 */
	STUDIO_FLOW(null);

	private final @Nullable String resultField;

	Sid(@Nullable String resultField) {
		this.resultField = resultField;
	}

	/**
	 * The result event field for this SID.
	 * @return the field name, or {@code null} when the SID is internal
	 */
	public @Nullable String resultField() {
		return this.resultField;
	}

}
