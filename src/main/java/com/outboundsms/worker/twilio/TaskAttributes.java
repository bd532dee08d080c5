package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the task attributes JSON: the worker's own keys first, then the request's
 * {@code taskAttributes}, which may add keys but never override {@code to}, {@code from},
 * {@code name} or {@code direction}.
 */
final class TaskAttributes {

	static final Set<String> RESERVED = Set.of("to", "from", "name", "direction");

	private final JsonMapper json;

	TaskAttributes(JsonMapper json) {
		this.json = json;
	}

	String legacy(OutboundSmsRequest request) {
		return this.json.writeValueAsString(base(request));
	}

	/**
	 * The task attributes of an Interaction: the legacy ones and what Flex Conversations'
	 * UI reads for an SMS task (the request may not override either).
	 */
	Map<String, Object> conversations(OutboundSmsRequest request) {
		Map<String, Object> attributes = new LinkedHashMap<>(base(request));
		attributes.put("customerName", request.toName());
		attributes.put("customerAddress", request.toNumber());
		attributes.put("twilioNumber", request.fromNumber());
		attributes.put("channelType", "sms");
		return attributes;
	}

	Map<String, Object> base(OutboundSmsRequest request) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("to", request.toNumber());
		attributes.put("from", request.fromNumber());
		attributes.put("name", request.toName());
		attributes.put("direction", "outbound");
		request.sourceChatChannelSid().ifPresent((sid) -> attributes.put("sourceChatChannelSid", sid));
		request.taskAttributes().forEach((key, value) -> {
			if (!RESERVED.contains(key)) {
				attributes.put(key, value);
			}
		});
		return attributes;
	}

}
