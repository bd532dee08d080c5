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

	/**
	 * The instance every emulator starts with: its SIDs are fixed, like the default Proxy
	 * service's, so that a worker can be configured with them before the emulator runs
	 * (sandbox mode does).
	 */
	static FlexInstance provisioned(Instant now) {
		return new FlexInstance("WS" + "0".repeat(32), "WW" + "0".repeat(32), "WQ" + "0".repeat(32), now);
	}

}
