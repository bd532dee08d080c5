package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
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
 * @param status {@code pending}; {@code completed} once its channel is closed;
 * {@code canceled} or {@code completed} once TaskRouter's API ended it
 * @param reason why it was canceled or completed, when the API said
 * @param created when it was created
 * @param updated when it last changed
 */
public record FlexTask(String sid, String flexFlowSid, String channelSid, String attributesJson, String status,
		@Nullable String reason, Instant created, Instant updated) {

	static FlexTask pending(String sid, String flexFlowSid, String channelSid, String attributesJson, Instant now) {
		return new FlexTask(sid, flexFlowSid, channelSid, attributesJson, "pending", null, now, now);
	}

	/**
	 * Returns a fresh parsed copy of the attributes (a copy so callers cannot change the
	 * record).
	 */
	public ObjectNode attributes() {
		JsonNode node = Json.MAPPER.readTree(this.attributesJson);
		return (ObjectNode) node;
	}

	/**
	 * Whether an agent can still get it: TaskRouter ends a task by canceling or
	 * completing it.
	 */
	public boolean isOpen() {
		return !"canceled".equals(this.status) && !"completed".equals(this.status);
	}

	FlexTask withStatus(String newStatus) {
		return new FlexTask(this.sid, this.flexFlowSid, this.channelSid, this.attributesJson, newStatus, this.reason,
				this.created, this.updated);
	}

	FlexTask ended(String newStatus, @Nullable String newReason, Instant now) {
		return new FlexTask(this.sid, this.flexFlowSid, this.channelSid, this.attributesJson, newStatus, newReason,
				this.created, now);
	}

}
