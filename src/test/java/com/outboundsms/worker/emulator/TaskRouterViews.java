package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders TaskRouter tasks as Twilio documents its Task resource (TaskRouter has no
 * OpenAPI spec among those the emulator follows): the fields twilio-java's {@code Task}
 * reads, with the routing Flex gave the task from its flow and its workspace.
 */
final class TaskRouterViews {

	static final String BASE = "https://taskrouter.twilio.com/v1";

	private final EmulatorState state;

	TaskRouterViews(EmulatorState state) {
		this.state = state;
	}

	static String workspaceUrl(String workspaceSid) {
		return BASE + "/Workspaces/" + workspaceSid;
	}

	ObjectNode task(FlexTask task) {
		FlexInstance flex = this.state.flexInstance;
		Map<String, Object> integration = integrationOf(this.state.flex.flow(task.flexFlowSid()));
		String workspace = workspaceUrl(flex.workspaceSid());
		String url = workspace + "/Tasks/" + task.sid();
		ObjectNode json = Json.object();
		json.put("account_sid", this.state.accountSid());
		json.put("age", Duration.between(task.created(), this.state.now()).toSeconds());
		json.put("assignment_status", task.status());
		json.put("attributes", task.attributesJson());
		json.put("addons", "{}");
		json.put("date_created", TwilioTime.format(task.created()));
		json.put("date_updated", TwilioTime.format(task.updated()));
		json.put("task_queue_entered_date", TwilioTime.format(task.created()));
		json.put("priority", integer(integration.get("priority"), 0));
		json.put("reason", task.reason());
		json.put("sid", task.sid());
		json.put("task_queue_sid", flex.taskQueueSid());
		json.put("task_queue_friendly_name", FlexInstance.TASK_QUEUE_NAME);
		json.put("task_channel_sid", (String) null);
		json.put("task_channel_unique_name", String.valueOf(integration.getOrDefault("channel", "chat")));
		json.put("timeout", integer(integration.get("timeout"), 86400));
		json.put("workflow_sid", flex.workflowSid());
		json.put("workflow_friendly_name", FlexInstance.WORKFLOW_NAME);
		json.put("workspace_sid", flex.workspaceSid());
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("task_queue", workspace + "/TaskQueues/" + flex.taskQueueSid());
		links.put("workflow", workspace + "/Workflows/" + flex.workflowSid());
		links.put("workspace", workspace);
		links.put("reservations", url + "/Reservations");
		json.put("virtual_start_time", TwilioTime.format(task.created()));
		json.put("ignore_capacity", false);
		json.put("routing_target", (String) null);
		return json;
	}

	private static Map<String, Object> integrationOf(@Nullable FlexFlow flow) {
		return (flow != null) ? flow.integration() : Map.of();
	}

	private static int integer(@Nullable Object value, int fallback) {
		return (value instanceof Number number) ? number.intValue() : fallback;
	}

}
