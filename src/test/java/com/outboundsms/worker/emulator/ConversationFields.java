package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a conversation create or update as sent, each {@code null} when not sent.
 *
 * @param friendlyName {@code FriendlyName}
 * @param uniqueName {@code UniqueName}
 * @param attributes {@code Attributes}, JSON text
 * @param state {@code State}
 * @param timersInactive {@code Timers.Inactive}, an ISO-8601 duration
 * @param timersClosed {@code Timers.Closed}, an ISO-8601 duration
 */
record ConversationFields(@Nullable String friendlyName, @Nullable String uniqueName, @Nullable String attributes,
		@Nullable String state, @Nullable String timersInactive, @Nullable String timersClosed) {

	static ConversationFields from(Params form) {
		return new ConversationFields(form.first("FriendlyName"), form.first("UniqueName"), form.first("Attributes"),
				form.first("State"), form.first("Timers.Inactive"), form.first("Timers.Closed"));
	}

	static ConversationFields state(String state) {
		return new ConversationFields(null, null, null, state, null, null);
	}

	boolean hasTimers() {
		return this.timersInactive != null || this.timersClosed != null;
	}

	boolean hasDetails() {
		return this.friendlyName != null || this.attributes != null || this.uniqueName != null;
	}

}
