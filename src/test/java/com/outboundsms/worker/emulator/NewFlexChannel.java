package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a Flex Channel create ({@code POST /v1/Channels}).
 *
 * @param flexFlowSid the flow (required)
 * @param identity the chat identity (required)
 * @param chatUserFriendlyName the customer's display name (required)
 * @param chatFriendlyName the channel's name (required)
 * @param target the customer's address
 * @param chatUniqueName the channel's unique name
 * @param taskSid an existing task to attach
 * @param taskAttributes the task attributes JSON text
 * @param longLived whether the channel is long-lived, {@code null} for the flow's setting
 */
record NewFlexChannel(String flexFlowSid, String identity, String chatUserFriendlyName, String chatFriendlyName,
		@Nullable String target, @Nullable String chatUniqueName, @Nullable String taskSid,
		@Nullable String taskAttributes, @Nullable Boolean longLived) {

}
