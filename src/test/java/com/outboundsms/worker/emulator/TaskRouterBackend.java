package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies TaskRouter's rules to the tasks of Flex's workspace: tasks are made by Flex
 * channels or through the API (on the workspace's one workflow and one of Flex's task
 * channels), listed with filters ({@code EvaluateTaskAttributes} among them); a pending
 * or reserved task can be canceled, an assigned or wrapping one completed (the emulator
 * moves tasks no other way); once a task ends, the Channel Janitor follows. Callers hold
 * the state lock.
 */
final class TaskRouterBackend {

	private static final Set<String> STATUSES = Set.of("pending", "reserved", "assigned", "canceled", "completed",
			"wrapping");

	/** The task channels Flex sets up in its workspace. */
	private static final Set<String> TASK_CHANNELS = Set.of("default", "voice", "chat", "sms", "video", "email");

	private final EmulatorState state;

	private final ChannelJanitor janitor;

	TaskRouterBackend(EmulatorState state, ChannelJanitor janitor) {
		this.state = state;
		this.janitor = janitor;
	}

	/**
	 * Makes a task as TaskRouter's API does; a {@code channelSid} attribute naming a Flex
	 * channel ties the task to it, as Flex's UI and the janitor read it.
	 */
	FlexTask create(String workspaceSid, NewTask request) {
		workspace(workspaceSid);
		String attributes = (request.attributes() != null)
				? Json.write(Json.parseObject("Attributes", request.attributes())) : "{}";
		String workflow = this.state.flexInstance.workflowSid();
		if (request.workflowSid() != null && !request.workflowSid().equals(workflow)) {
			throw TwilioApiException.invalidParameter("WorkflowSid", request.workflowSid());
		}
		String taskChannel = (request.taskChannel() != null) ? request.taskChannel() : "default";
		if (!TASK_CHANNELS.contains(taskChannel)) {
			throw TwilioApiException.invalidParameter("TaskChannel", taskChannel);
		}
		JsonNode named = Json.parse("Attributes", attributes).get("channelSid");
		FlexChannel channel = (named != null && named.isString()) ? this.state.flex.channel(named.asString()) : null;
		FlexTask task = FlexTask.pending(Sids.next("WT"), (channel != null) ? channel.flexFlowSid() : null,
				(channel != null) ? channel.sid() : null, attributes,
				new FlexTask.Route(workflow, taskChannel, (request.priority() != null) ? request.priority() : 0,
						(request.timeout() != null) ? request.timeout() : 86400),
				this.state.now());
		this.state.flex.put(task);
		return task;
	}

	/**
	 * The workspace's tasks, oldest first, in the given statuses (all when none are
	 * given) whose attributes satisfy the expression, if one is given.
	 */
	List<FlexTask> list(String workspaceSid, List<String> statuses, @Nullable String evaluateTaskAttributes) {
		workspace(workspaceSid);
		for (String status : statuses) {
			if (!STATUSES.contains(status)) {
				throw TwilioApiException.invalidParameter("AssignmentStatus", status);
			}
		}
		TaskExpression expression = (evaluateTaskAttributes != null) ? TaskExpression.parse(evaluateTaskAttributes)
				: null;
		return this.state.flex.tasks()
			.stream()
			.filter((task) -> statuses.isEmpty() || statuses.contains(task.status()))
			.filter((task) -> expression == null || expression.matches(task.attributes()))
			.toList();
	}

	FlexTask task(String workspaceSid, String taskSid) {
		FlexTask task = this.state.flex.task(taskSid);
		if (!this.state.flexInstance.workspaceSid().equals(workspaceSid) || task == null) {
			throw TwilioApiException.notFound("/v1/Workspaces/" + workspaceSid + "/Tasks/" + taskSid);
		}
		return task;
	}

	/**
	 * Ends a task as {@code canceled} or {@code completed}, with the reason given;
	 * without an assignment status the task is answered as it is.
	 */
	FlexTask update(String workspaceSid, String taskSid, @Nullable String assignmentStatus, @Nullable String reason) {
		FlexTask task = task(workspaceSid, taskSid);
		if (assignmentStatus == null) {
			return task;
		}
		if (!STATUSES.contains(assignmentStatus)) {
			throw TwilioApiException.invalidParameter("AssignmentStatus", assignmentStatus);
		}
		FlexTask moved = switch (assignmentStatus) {
			case "canceled" ->
				end(task, Set.of("pending", "reserved"), "canceled", reason, "cancel", "pending or reserved");
			case "completed" ->
				end(task, Set.of("assigned", "wrapping"), "completed", reason, "complete", "assigned or wrapping");
			default -> throw TwilioApiException.invalidParameter("AssignmentStatus", assignmentStatus);
		};
		this.state.flex.put(moved);
		if (!moved.isOpen()) {
			this.janitor.taskEnded(moved);
		}
		return moved;
	}

	private void workspace(String workspaceSid) {
		if (!this.state.flexInstance.workspaceSid().equals(workspaceSid)) {
			throw TwilioApiException.notFound("/v1/Workspaces/" + workspaceSid + "/Tasks");
		}
	}

	private FlexTask end(FlexTask task, Set<String> from, String status, @Nullable String reason, String verb,
			String allowed) {
		if (!from.contains(task.status())) {
			throw new TwilioApiException(400, 20001,
					"Cannot " + verb + " task " + task.sid() + " in workspace " + this.state.flexInstance.workspaceSid()
							+ " for account " + this.state.accountSid() + " because it is not " + allowed);
		}
		return task.ended(status, reason, this.state.now());
	}

}
