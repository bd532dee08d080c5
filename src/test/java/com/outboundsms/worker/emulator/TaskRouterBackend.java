package com.outboundsms.worker.emulator;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Applies TaskRouter's rules to the tasks Flex channels made, in Flex's workspace: a
 * pending or reserved task can be canceled, an assigned or wrapping one completed (the
 * emulator moves tasks no other way); once a task ends, the Channel Janitor follows.
 * Callers hold the state lock.
 */
final class TaskRouterBackend {

	private static final Set<String> STATUSES = Set.of("pending", "reserved", "assigned", "canceled", "completed",
			"wrapping");

	private final EmulatorState state;

	private final ChannelJanitor janitor;

	TaskRouterBackend(EmulatorState state, ChannelJanitor janitor) {
		this.state = state;
		this.janitor = janitor;
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
