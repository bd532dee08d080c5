package com.outboundsms.worker.twilio;

import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutreachFailure;
import com.outboundsms.worker.processing.PermanentFailure;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Configuration;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import org.jspecify.annotations.Nullable;

/**
 * Ends the TaskRouter tasks Flex made for channels an outreach gives up, so that no agent
 * is left with one: canceled while pending or reserved, completed once an agent has it.
 * Flex keeps them in its own workspace, which its configuration names; that is read once.
 */
class FlexTasks {

	static final String REASON = "The outbound SMS outreach that made this task was given up";

	private final TwilioRestClient client;

	private volatile @Nullable String workspaceSid;

	FlexTasks(TwilioRestClient client) {
		this.client = client;
	}

	/**
	 * Ends a task, if it is not ended already or gone.
	 * @param taskSid the task
	 */
	void end(String taskSid) {
		String workspace = workspace();
		try {
			update(workspace, taskSid, Task.Status.CANCELED);
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return;
			}
			OutreachFailure failure = TwilioFailures.classify("canceling the task", ex);
			if (!(failure instanceof PermanentFailure)) {
				throw failure;
			}
			// TaskRouter cancels only pending and reserved tasks: see where this one is
			endAfterRefusedCancel(workspace, taskSid, failure);
		}
	}

	/**
	 * What ends a task in a status, once canceling it was refused.
	 * @param status the task's assignment status
	 * @return the status to move it to, or empty when it is ended already
	 */
	static Optional<Task.Status> ending(Task.Status status) {
		return switch (status) {
			case CANCELED, COMPLETED -> Optional.empty();
			case ASSIGNED, WRAPPING -> Optional.of(Task.Status.COMPLETED);
			default -> Optional.of(Task.Status.CANCELED);
		};
	}

	private void endAfterRefusedCancel(String workspace, String taskSid, OutreachFailure refused) {
		Task task;
		try {
			task = Task.fetcher(workspace, taskSid).fetch(this.client);
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return;
			}
			throw TwilioFailures.classify("reading the task", ex);
		}
		Optional<Task.Status> next = ending(task.getAssignmentStatus());
		if (next.isEmpty()) {
			return;
		}
		if (next.get() == Task.Status.CANCELED) {
			throw refused;
		}
		TwilioFailures.call("completing the task", () -> update(workspace, taskSid, next.get()));
	}

	private Task update(String workspace, String taskSid, Task.Status status) {
		return Task.updater(workspace, taskSid).setAssignmentStatus(status).setReason(REASON).update(this.client);
	}

	private String workspace() {
		String known = this.workspaceSid;
		if (known != null) {
			return known;
		}
		String read = TwilioFailures.call("reading the Flex configuration",
				() -> Configuration.fetcher().fetch(this.client).getTaskrouterWorkspaceSid());
		if (read == null) {
			throw new PermanentFailure(ErrorCode.TWILIO_REJECTED,
					"the Flex configuration names no TaskRouter workspace for the tasks Flex makes");
		}
		this.workspaceSid = read;
		return read;
	}

}
