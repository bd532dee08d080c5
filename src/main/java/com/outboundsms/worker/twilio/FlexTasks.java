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

import org.springframework.util.StringUtils;

/**
 * The TaskRouter tasks of Flex's workspace, which Flex's configuration names (read once):
 * the tasks Flex made for channels an outreach gives up are ended, so that no agent is
 * left with one (canceled while pending or reserved, completed once an agent has it); and
 * the agent's task on a notify outreach's channel is made, as Studio's "Send to Flex"
 * does on a reply, on the configured workflow (else the one Flex routes to) and task
 * channel, marked with the outreach's id so that a create whose answer was lost is found.
 */
class FlexTasks {

	static final String REASON = "The outbound SMS outreach that made this task was given up";

	private final TwilioRestClient client;

	private final @Nullable String workflowSid;

	private final String taskChannel;

	private volatile @Nullable Routing routing;

	FlexTasks(TwilioRestClient client, @Nullable String workflowSid, String taskChannel) {
		this.client = client;
		this.workflowSid = workflowSid;
		this.taskChannel = taskChannel;
	}

	/**
	 * Makes a task.
	 * @param attributes its attributes JSON
	 * @return the task's SID
	 * @throws TwilioException as Twilio answered, for the caller to reconcile
	 */
	String create(String attributes) {
		Routing flex = routing();
		return Task.creator(flex.workspaceSid())
			.setWorkflowSid(flex.workflowSid())
			.setTaskChannel(this.taskChannel)
			.setAttributes(attributes)
			.create(this.client)
			.getSid();
	}

	/**
	 * The task an outreach made, found by the outreach's id in its attributes.
	 * @param outreachId the outreach's id
	 * @return the task's SID, or empty when there is none
	 */
	Optional<String> markedBy(String outreachId) {
		Routing flex = routing();
		// the id is a UUID: nothing in it needs quoting
		String expression = TaskAttributes.OUTREACH_ID + " == \"" + outreachId + "\"";
		return TwilioFailures
			.call("looking for the outreach's task",
					() -> Task.reader(flex.workspaceSid())
						.setEvaluateTaskAttributes(expression)
						.setPageSize(20L)
						.firstPage(this.client))
			.getRecords()
			.stream()
			.map(Task::getSid)
			.findFirst();
	}

	/**
	 * Ends a task, if it is not ended already or gone.
	 * @param taskSid the task
	 */
	void end(String taskSid) {
		String workspace = routing().workspaceSid();
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

	/**
	 * Flex's workspace, and the workflow tasks made here go to: the configured one, else
	 * the one Flex routes its own tasks to.
	 */
	private Routing routing() {
		Routing known = this.routing;
		if (known != null) {
			return known;
		}
		Configuration configuration = TwilioFailures.call("reading the Flex configuration",
				() -> Configuration.fetcher().fetch(this.client));
		String workspace = configuration.getTaskrouterWorkspaceSid();
		if (workspace == null) {
			throw new PermanentFailure(ErrorCode.TWILIO_REJECTED,
					"the Flex configuration names no TaskRouter workspace for the tasks Flex makes");
		}
		String workflow = StringUtils.hasText(this.workflowSid) ? this.workflowSid
				: configuration.getTaskrouterTargetWorkflowSid();
		Routing read = new Routing(workspace, workflow);
		this.routing = read;
		return read;
	}

	/**
	 * Where Flex's tasks live and go.
	 *
	 * @param workspaceSid Flex's workspace ({@code WS…})
	 * @param workflowSid the workflow ({@code WW…}) tasks made here go to, if one is
	 * known
	 */
	private record Routing(String workspaceSid, @Nullable String workflowSid) {
	}

}
