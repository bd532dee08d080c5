package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * What Flex set up for the account when it was provisioned, as its configuration names
 * it: the "Flex Task Assignment" TaskRouter workspace that holds the tasks Flex channels
 * make, its workflow and its default task queue.
 *
 * @param workspaceSid the WS SID
 * @param workflowSid the WW SID of the workflow tasks are routed by
 * @param taskQueueSid the WQ SID of the default ("Everyone") queue
 * @param created when Flex was set up
 */
record FlexInstance(String workspaceSid, String workflowSid, String taskQueueSid, Instant created) {

	static final String TASK_QUEUE_NAME = "Everyone";

	static final String WORKFLOW_NAME = "Assign to Anyone";

	static FlexInstance provisioned(Instant now) {
		return new FlexInstance(Sids.next("WS"), Sids.next("WW"), Sids.next("WQ"), now);
	}

}
