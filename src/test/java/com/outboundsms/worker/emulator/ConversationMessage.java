package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * A message posted into a conversation.
 *
 * @param sid the IM SID
 * @param conversationSid the CH SID
 * @param index its position in the conversation, from 0
 * @param author the author ({@code system} by default)
 * @param body the text
 * @param attributes the attributes JSON text ({@code {}} when not given)
 * @param created when it was posted
 */
public record ConversationMessage(String sid, String conversationSid, int index, String author, String body,
		String attributes, Instant created) {

}
