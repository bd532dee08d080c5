package com.outboundsms.worker.twilio;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import org.jspecify.annotations.Nullable;

/**
 * A customer's open Flex conversation on a number that no outreach here made: Flex's own,
 * or another tool's; the outreach for the pair reuses it.
 *
 * @param flowSid the Flex Flow its channel belongs to
 * @param chatServiceSid the chat service of its channel
 * @param channelSid its chat channel
 * @param sessionSid its active Proxy session
 * @param taskSid the task Flex made with the channel, if Flex says
 */
record FlexConversation(String flowSid, String chatServiceSid, String channelSid, String sessionSid,
		@Nullable String taskSid) {

	/**
	 * The outreach's progress, naming this conversation instead of anything it made.
	 * @param outreachId the outreach's id
	 * @return the progress
	 */
	OutreachProgress progress(String outreachId) {
		return OutreachProgress.start(outreachId)
			.with(Sid.FLEX_FLOW, this.flowSid)
			.with(Sid.CHAT_SERVICE, this.chatServiceSid)
			.with(Sid.CHAT_CHANNEL, this.channelSid)
			.with(Sid.PROXY_SESSION, this.sessionSid)
			.with(Sid.TASK, this.taskSid);
	}

}
