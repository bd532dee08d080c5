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
 * @param conversationSid the CH SID of the conversation it made, {@code null} while it is
 * being set up
 * @param taskSid the WT SID of its task, {@code null} without routing
 * @param interactionContextSid the {@code InteractionContextSid} given, if any
 * @param webhookTtid the {@code WebhookTtid} given, if any
 * @param created when it was created
 * @param channelStatus its channel's status: {@code setup}, {@code active},
 * {@code failed} or {@code closed}
 * @param errorCode why its channel failed (80102: the customer is in another
 * conversation), {@code null} otherwise
 * @param errorMessage the failure's message, {@code null} otherwise
 */
public record Interaction(String sid, String channelSid, String channelType, String channelJson,
		@Nullable String routingJson, @Nullable String conversationSid, @Nullable String taskSid,
		@Nullable String interactionContextSid, @Nullable String webhookTtid, Instant created, String channelStatus,
		@Nullable Integer errorCode, @Nullable String errorMessage) {

	static final String SETUP = "setup";

	static final String ACTIVE = "active";

	static final String FAILED = "failed";

	static final String CLOSED = "closed";

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

	public boolean isChannelClosed() {
		return CLOSED.equals(this.channelStatus);
	}

	/**
	 * This interaction once set up: its conversation made, its channel active or failed.
	 */
	Interaction setUp(String newConversationSid, String status, @Nullable Integer code, @Nullable String message) {
		return new Interaction(this.sid, this.channelSid, this.channelType, this.channelJson, this.routingJson,
				newConversationSid, this.taskSid, this.interactionContextSid, this.webhookTtid, this.created, status,
				code, message);
	}

	/**
	 * This interaction with its channel closed; a failure's code stays, as the reason.
	 */
	Interaction closed() {
		return new Interaction(this.sid, this.channelSid, this.channelType, this.channelJson, this.routingJson,
				this.conversationSid, this.taskSid, this.interactionContextSid, this.webhookTtid, this.created, CLOSED,
				this.errorCode, this.errorMessage);
	}

}
