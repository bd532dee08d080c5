package com.outboundsms.worker.emulator;

import java.time.Duration;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders TaskRouter tasks as Twilio documents its Task resource (TaskRouter has no
 * OpenAPI spec among those the emulator follows): the fields twilio-java's {@code Task}
 * reads, with the routing the task was given in Flex's workspace.
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
		FlexTask.Route route = task.route();
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
		json.put("priority", route.priority());
		json.put("reason", task.reason());
		json.put("sid", task.sid());
		json.put("task_queue_sid", flex.taskQueueSid());
		json.put("task_queue_friendly_name", FlexInstance.TASK_QUEUE_NAME);
		json.put("task_channel_sid", (String) null);
		json.put("task_channel_unique_name", route.taskChannel());
		json.put("timeout", route.timeout());
		json.put("workflow_sid", route.workflowSid());
		json.put("workflow_friendly_name", FlexInstance.WORKFLOW_NAME);
		json.put("workspace_sid", flex.workspaceSid());
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("task_queue", workspace + "/TaskQueues/" + flex.taskQueueSid());
		links.put("workflow", workspace + "/Workflows/" + route.workflowSid());
		links.put("workspace", workspace);
		links.put("reservations", url + "/Reservations");
		json.put("virtual_start_time", TwilioTime.format(task.created()));
		json.put("ignore_capacity", false);
		json.put("routing_target", (String) null);
		return json;
	}

}
