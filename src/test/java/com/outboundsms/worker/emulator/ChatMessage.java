package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message posted into a chat channel.
 *
 * @param sid the IM SID
 * @param serviceSid the IS SID
 * @param channelSid the CH SID
 * @param index its position in the channel, from 0
 * @param from the author identity ({@code system} by default)
 * @param body the text
 * @param attributes the attributes JSON text, if given
 * @param created when it was posted
 */
public record ChatMessage(String sid, String serviceSid, String channelSid, int index, String from, String body,
		@Nullable String attributes, Instant created) {

}
