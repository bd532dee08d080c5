package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;

/**
 * A TaskRouter task create's parameters, as the API takes them.
 *
 * @param attributes the {@code Attributes} JSON text, {@code {}} when absent
 * @param workflowSid the {@code WorkflowSid}, the workspace's one when absent
 * @param taskChannel the {@code TaskChannel} unique name, {@code default} when absent
 * @param priority the {@code Priority}, 0 when absent
 * @param timeout the {@code Timeout} in seconds, 86400 when absent
 */
record NewTask(@Nullable String attributes, @Nullable String workflowSid, @Nullable String taskChannel,
		@Nullable Integer priority, @Nullable Integer timeout) {

}
