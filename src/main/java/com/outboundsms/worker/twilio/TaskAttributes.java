package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the task attributes JSON: the worker's own keys first, then the request's
 * {@code taskAttributes}, which may add keys but never set a {@link #RESERVED} one.
 */
final class TaskAttributes {

	/**
	 * The key under which an interaction's task carries the outreach's id, so that the
	 * worker can tell an interaction it made from one it only finds.
	 */
	static final String OUTREACH_ID = "outboundSmsOutreachId";

	/**
	 * The keys a request cannot set: the worker's own, and those Flex writes to tie a
	 * task to its conversation and interaction.
	 */
	static final Set<String> RESERVED = Set.of("to", "from", "name", "direction", "conversationSid",
			"flexInteractionSid", "flexInteractionChannelSid", OUTREACH_ID);

	private final JsonMapper json;

	TaskAttributes(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The attributes of a Flex chat channel's task, with the worker the request names for
	 * Known Agent Routing.
	 */
	String legacy(OutboundSmsRequest request) {
		Map<String, Object> attributes = base(request);
		request.targetWorker().ifPresent((sid) -> attributes.put("targetWorkerSid", sid));
		return this.json.writeValueAsString(attributes);
	}

	/**
	 * The attributes of the agent's task on a notify outreach's chat channel, as Studio's
	 * "Send to Flex" names the channel for Flex's UI ({@code channelSid},
	 * {@code channelType}), with the legacy ones (the request may override neither) and
	 * the outreach's id, by which a task whose create's answer was lost is found.
	 * @param request the task request
	 * @param channelSid the notify outreach's chat channel
	 * @param outreachId the outreach's id
	 */
	String escalation(OutboundSmsRequest request, String channelSid, String outreachId) {
		Map<String, Object> attributes = base(request);
		request.targetWorker().ifPresent((sid) -> attributes.put("targetWorkerSid", sid));
		attributes.put("channelSid", channelSid);
		attributes.put("channelType", "sms");
		attributes.put(OUTREACH_ID, outreachId);
		return this.json.writeValueAsString(attributes);
	}

	/**
	 * The task attributes of an Interaction: the legacy ones, what Flex Conversations' UI
	 * reads for an SMS task (the request may not override either), and the outreach's id.
	 * @param request the request
	 * @param outreachId the outreach's id; none when empty
	 */
	Map<String, Object> conversations(OutboundSmsRequest request, String outreachId) {
		Map<String, Object> attributes = new LinkedHashMap<>(base(request));
		attributes.put("customerName", request.toName());
		attributes.put("customerAddress", request.toNumber());
		attributes.put("twilioNumber", request.fromNumber());
		attributes.put("channelType", "sms");
		if (!outreachId.isEmpty()) {
			attributes.put(OUTREACH_ID, outreachId);
		}
		return attributes;
	}

	Map<String, Object> base(OutboundSmsRequest request) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("to", request.toNumber());
		attributes.put("from", request.fromNumber());
		attributes.put("name", request.toName());
		attributes.put("direction", "outbound");
		if (request.sourceChatChannelSid() != null) {
			attributes.put("sourceChatChannelSid", request.sourceChatChannelSid());
		}
		request.taskAttributes().forEach((key, value) -> {
			if (!RESERVED.contains(key)) {
				attributes.put(key, value);
			}
		});
		return attributes;
	}

}
