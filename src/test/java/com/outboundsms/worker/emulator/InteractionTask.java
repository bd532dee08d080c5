package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TaskRouter task created by an Interaction from its {@code Routing} properties.
 *
 * @param sid the WT SID
 * @param interactionSid the KD SID
 * @param conversationSid the CH SID of the interaction's conversation, {@code null} while
 * the interaction is being set up
 * @param routing the routing properties as sent
 * @param attributesJson the task attributes: the routing attributes sent plus
 * {@code flexInteractionSid}, {@code flexInteractionChannelSid} and, once known,
 * {@code conversationSid}
 * @param status {@code pending}, then {@code completed} once its conversation or its
 * interaction channel is closed
 * @param created when it was created
 */
public record InteractionTask(String sid, String interactionSid, @Nullable String conversationSid, TaskRouting routing,
		String attributesJson, String status, Instant created) {

	static final String COMPLETED = "completed";

	/**
	 * Returns a fresh parsed copy of the attributes.
	 */
	public ObjectNode attributes() {
		return (ObjectNode) Json.MAPPER.readTree(this.attributesJson);
	}

	InteractionTask withStatus(String newStatus) {
		return new InteractionTask(this.sid, this.interactionSid, this.conversationSid, this.routing,
				this.attributesJson, newStatus, this.created);
	}

	/**
	 * This task once its interaction's conversation is made: the attributes name it.
	 */
	InteractionTask withConversation(String newConversationSid) {
		ObjectNode attributes = attributes();
		attributes.put("conversationSid", newConversationSid);
		return new InteractionTask(this.sid, this.interactionSid, newConversationSid, this.routing,
				Json.write(attributes), this.status, this.created);
	}

}
