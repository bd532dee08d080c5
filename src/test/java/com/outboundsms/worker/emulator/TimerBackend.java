package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * Applies conversations' state timers that have come due by the emulator's clock, oldest
 * first, each at the time it was due, so that a clock moved an hour forward closes what
 * would have closed on the way. Callers hold the state lock.
 */
final class TimerBackend {

	private final EmulatorState state;

	private final ConversationsBackend conversations;

	TimerBackend(EmulatorState state, ConversationsBackend conversations) {
		this.state = state;
		this.conversations = conversations;
	}

	void applyDue() {
		Instant now = this.state.now();
		for (String sid = this.state.conversations.firstTimerDue(now); sid != null; sid = this.state.conversations
			.firstTimerDue(now)) {
			Conversation conversation = this.conversations.conversation(sid);
			ConversationTimers.TimedChange change = conversation.nextTimedChange();
			if (change == null) {
				// the store schedules from this very record: never loop on a broken
				// promise
				throw new IllegalStateException("No timed change is due for " + sid);
			}
			this.conversations.changeState(conversation, change.state(), change.at(),
					ConversationStateListener.Reason.TIMER);
		}
	}

}
