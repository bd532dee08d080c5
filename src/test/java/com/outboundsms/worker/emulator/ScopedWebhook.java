package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A conversation-scoped webhook: a Studio flow, or a URL, that hears the conversation's
 * events after they happen.
 *
 * @param sid the WH SID
 * @param conversationSid the CH SID of its conversation
 * @param target {@code webhook|trigger|studio}
 * @param url where a {@code webhook} or {@code trigger} posts, {@code null} for Studio
 * @param method {@code get|post} for a URL, {@code null} for Studio
 * @param filters the events a URL hears
 * @param triggers the keywords a {@code trigger} fires on
 * @param flowSid the FW SID of the Studio flow, {@code null} for a URL
 * @param replayAfter the message index after which earlier messages are replayed to it,
 * {@code null} when not set
 * @param created when it was created
 */
public record ScopedWebhook(String sid, String conversationSid, String target, @Nullable String url,
		@Nullable String method, List<String> filters, List<String> triggers, @Nullable String flowSid,
		@Nullable Integer replayAfter, Instant created) {

	public static final String STUDIO = "studio";

	public ScopedWebhook {
		filters = List.copyOf(filters);
		triggers = List.copyOf(triggers);
	}

	public boolean isStudio() {
		return STUDIO.equals(this.target);
	}

}
