package com.outboundsms.worker.emulator;

/**
 * Hears each change of a conversation's state, under the state lock, to report it as
 * Twilio's {@code onConversationStateUpdated} does.
 */
@FunctionalInterface
interface ConversationStateListener {

	ConversationStateListener NONE = (from, changed, reason) -> {
	};

	/**
	 * @param from the state before
	 * @param changed the conversation after the change
	 * @param reason what changed it
	 */
	void stateChanged(String from, Conversation changed, Reason reason);

	/** What changes a conversation's state, named as Twilio's {@code Reason} names it. */
	enum Reason {

		/** A REST request, or an agent or the control API closing it. */
		API,

		/** One of its state timers. */
		TIMER,

		/** A message or participant waking an inactive conversation. */
		EVENT

	}

}
