package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TaskRouter task of Flex's workspace: made by a Flex Channel create on a task flow, or
 * through TaskRouter's API (as Studio's "Send to Flex" makes one), with the task
 * attributes exactly as they arrived.
 *
 * @param sid the WT SID
 * @param flexFlowSid the flow of its channel, {@code null} when it names none
 * @param channelSid the Flex channel it belongs to (made with it, or named by its
 * {@code channelSid} attribute), {@code null} when it names none
 * @param attributesJson the attributes text as received ({@code {}} when absent)
 * @param status {@code pending}; {@code completed} once its channel is closed;
 * {@code canceled} or {@code completed} once TaskRouter's API ended it
 * @param reason why it was canceled or completed, when the API said
 * @param route where TaskRouter routes it
 * @param created when it was created
 * @param updated when it last changed
 */
public record FlexTask(String sid, @Nullable String flexFlowSid, @Nullable String channelSid, String attributesJson,
		String status, @Nullable String reason, Route route, Instant created, Instant updated) {

	static FlexTask pending(String sid, @Nullable String flexFlowSid, @Nullable String channelSid,
			String attributesJson, Route route, Instant now) {
		return new FlexTask(sid, flexFlowSid, channelSid, attributesJson, "pending", null, route, now, now);
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
				this.route, this.created, this.updated);
	}

	FlexTask ended(String newStatus, @Nullable String newReason, Instant now) {
		return new FlexTask(this.sid, this.flexFlowSid, this.channelSid, this.attributesJson, newStatus, newReason,
				this.route, this.created, now);
	}

	/**
	 * Where TaskRouter routes a task.
	 *
	 * @param workflowSid the WW SID of its workflow
	 * @param taskChannel the unique name of its task channel
	 * @param priority its priority
	 * @param timeout seconds until TaskRouter cancels it
	 */
	public record Route(String workflowSid, String taskChannel, int priority, int timeout) {

	}

}
