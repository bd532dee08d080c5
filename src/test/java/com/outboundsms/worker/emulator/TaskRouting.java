package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;

/**
 * The {@code properties} of an Interaction's {@code Routing}, with TaskRouter's defaults
 * filled in.
 *
 * @param workspaceSid the WS SID (required)
 * @param workflowSid the WW SID, if given
 * @param queueSid the WQ SID, if given
 * @param workerSid the WK SID, if given
 * @param taskChannelUniqueName the task channel ({@code default} when not given)
 * @param priority the priority (0 when not given)
 * @param timeout the timeout in seconds (86400 when not given)
 * @param attributesJson the {@code attributes} object as JSON text ({@code {}} when not
 * given)
 */
public record TaskRouting(String workspaceSid, @Nullable String workflowSid, @Nullable String queueSid,
		@Nullable String workerSid, String taskChannelUniqueName, int priority, int timeout, String attributesJson) {

}
