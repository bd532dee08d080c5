package com.outboundsms.worker.emulator;

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * A TaskRouter task created by an Interaction from its {@code Routing} properties.
 *
 * @param sid the WT SID
 * @param interactionSid the KD SID
 * @param conversationSid the CH SID of the interaction's conversation
 * @param routing the routing properties as sent
 * @param attributesJson the task attributes: the routing attributes sent plus
 * {@code conversationSid}, {@code flexInteractionSid} and
 * {@code flexInteractionChannelSid}
 * @param status {@code pending}, then {@code completed} once its conversation is closed
 * @param created when it was created
 */
public record InteractionTask(String sid, String interactionSid, String conversationSid, TaskRouting routing,
		String attributesJson, String status, Instant created) {

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

}
