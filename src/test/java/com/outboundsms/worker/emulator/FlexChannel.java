package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A Flex Channel: the link between a Flex Flow, a chat user, a chat channel (same CH SID)
 * and a task.
 *
 * @param sid the CH SID, shared with the chat channel
 * @param flexFlowSid the flow it was created from
 * @param userSid the US SID of the chat user
 * @param taskSid the WT SID of its task, {@code null} for non-task flows
 * @param identity the chat identity given at create
 * @param target the target contact identity (the customer's number), when given
 * @param created when it was created
 */
public record FlexChannel(String sid, String flexFlowSid, String userSid, @Nullable String taskSid, String identity,
		@Nullable String target, Instant created) {

}
