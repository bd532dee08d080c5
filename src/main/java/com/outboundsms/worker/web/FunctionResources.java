package com.outboundsms.worker.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Adds to a flex-legacy answer the {@code chatChannel} and {@code proxySession} objects
 * the original Function answered with, in the field names of Twilio's resources, filled
 * from the result's SIDs and the worker's settings (no Twilio call): the session is the
 * one the worker makes, named after the channel, message-only, open when the result was
 * reached.
 */
class FunctionResources {

	private final String accountSid;

	private final @Nullable String proxyServiceSid;

	FunctionResources(String accountSid, @Nullable String proxyServiceSid) {
		this.accountSid = accountSid;
		this.proxyServiceSid = proxyServiceSid;
	}

	/**
	 * Adds both objects when the answer is a flex-legacy success with a channel and a
	 * session.
	 * @param answer the result as JSON values, changed in place
	 */
	void addTo(Map<String, Object> answer) {
		// a failure names what it made, but the Function answered only successes so
		if (!"flex-legacy".equals(answer.get("backend")) || "FAILED".equals(answer.get("outcome"))
				|| !(answer.get("chatChannelSid") instanceof String channel)
				|| !(answer.get("proxySessionSid") instanceof String session)) {
			return;
		}
		Map<String, Object> chatChannel = new LinkedHashMap<>();
		chatChannel.put("sid", channel);
		chatChannel.put("account_sid", this.accountSid);
		putIfPresent(chatChannel, "flex_flow_sid", answer.get("flexFlowSid"));
		putIfPresent(chatChannel, "task_sid", answer.get("taskSid"));
		chatChannel.put("url", "https://flex-api.twilio.com/v1/Channels/" + channel);
		Map<String, Object> proxySession = new LinkedHashMap<>();
		proxySession.put("sid", session);
		proxySession.put("account_sid", this.accountSid);
		proxySession.put("service_sid", this.proxyServiceSid);
		proxySession.put("unique_name", channel);
		proxySession.put("mode", "message-only");
		// Proxy moves a session to in-progress with
		// its first interaction: the first message
		proxySession.put("status", (answer.get("chatMessageSid") != null) ? "in-progress" : "open");
		proxySession.put("url",
				"https://proxy.twilio.com/v1/Services/" + this.proxyServiceSid + "/Sessions/" + session);
		answer.put("chatChannel", chatChannel);
		answer.put("proxySession", proxySession);
	}

	private static void putIfPresent(Map<String, Object> target, String field, @Nullable Object value) {
		if (value != null) {
			target.put(field, value);
		}
	}

}
