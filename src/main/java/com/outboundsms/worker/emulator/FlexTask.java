package com.outboundsms.worker.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TaskRouter task created by a Flex Channel create, with the task attributes exactly as
 * they arrived.
 *
 * @param sid the WT SID
 * @param flexFlowSid the flow
 * @param channelSid the channel it belongs to
 * @param attributesJson the {@code TaskAttributes} text as received ({@code {}} when
 * absent)
 * @param status {@code pending}, then {@code completed} once its channel is closed
 */
public record FlexTask(String sid, String flexFlowSid, String channelSid, String attributesJson, String status) {

	/**
	 * Returns a fresh parsed copy of the attributes (a copy so callers cannot change the
	 * record).
	 */
	public ObjectNode attributes() {
		JsonNode node = Json.MAPPER.readTree(this.attributesJson);
		return (ObjectNode) node;
	}

	FlexTask withStatus(String newStatus) {
		return new FlexTask(this.sid, this.flexFlowSid, this.channelSid, this.attributesJson, newStatus);
	}

}
