package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Flex Interaction with its single channel, holding the {@code Channel} and
 * {@code Routing} parameters exactly as they arrived.
 *
 * @param sid the KD SID
 * @param channelSid the UO SID of its interaction channel
 * @param channelType the channel's {@code type}
 * @param channelJson the {@code Channel} text as received
 * @param routingJson the {@code Routing} text as received, {@code null} when absent
 * @param conversationSid the CH SID of the conversation it made
 * @param taskSid the WT SID of its task, {@code null} without routing
 * @param interactionContextSid the {@code InteractionContextSid} given, if any
 * @param webhookTtid the {@code WebhookTtid} given, if any
 * @param created when it was created
 */
public record Interaction(String sid, String channelSid, String channelType, String channelJson,
		@Nullable String routingJson, String conversationSid, @Nullable String taskSid,
		@Nullable String interactionContextSid, @Nullable String webhookTtid, Instant created) {

	/**
	 * Returns a fresh parsed copy of the {@code Channel} that arrived.
	 */
	public ObjectNode channel() {
		return (ObjectNode) Json.MAPPER.readTree(this.channelJson);
	}

	/**
	 * Returns a fresh parsed copy of the {@code Routing} that arrived, or {@code null}.
	 */
	public @Nullable ObjectNode routing() {
		return (this.routingJson != null) ? (ObjectNode) Json.MAPPER.readTree(this.routingJson) : null;
	}

}
