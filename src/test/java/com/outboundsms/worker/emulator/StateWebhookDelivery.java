package com.outboundsms.worker.emulator;

/**
 * What became of one {@code onConversationStateUpdated} webhook the emulator posted.
 *
 * @param url where it was posted
 * @param conversationSid the conversation whose state changed
 * @param stateFrom the state before
 * @param stateTo the state after
 * @param reason {@code API}, {@code TIMER} or {@code EVENT}
 * @param status the HTTP status of the last attempt, 0 when it got no answer
 * @param attempts how many times it was posted
 */
public record StateWebhookDelivery(String url, String conversationSid, String stateFrom, String stateTo, String reason,
		int status, int attempts) {

	public boolean succeeded() {
		return this.status >= 200 && this.status < 300;
	}

}
