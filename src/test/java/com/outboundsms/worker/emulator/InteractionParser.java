package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and validates the form of an Interaction create: {@code Channel} must be a JSON
 * object with a {@code type}, each SMS participant needs {@code address} and
 * {@code proxy_address}, and {@code Routing}, when given, must be a JSON object whose
 * {@code properties} name a {@code workspace_sid}.
 */
final class InteractionParser {

	static final String DEFAULT_TASK_CHANNEL = "default";

	static final int DEFAULT_PRIORITY = 0;

	static final int DEFAULT_TIMEOUT = 86400;

	private InteractionParser() {
	}

	static NewInteraction parse(Params form) {
		String channelText = form.required("Channel");
		ObjectNode channel = Json.parseObject("Channel", channelText);
		String type = text(channel, "type");
		if (type == null || type.isEmpty()) {
			throw TwilioApiException.missingParameter("Channel.type");
		}
		List<MessagingBinding> participants = participants(type, channel.get("participants"));
		String routingText = form.first("Routing");
		TaskRouting routing = (routingText != null) ? routing(Json.parseObject("Routing", routingText)) : null;
		JsonNode properties = channel.get("properties");
		String mediaChannelSid = (properties != null && properties.isObject()) ? text(properties, "media_channel_sid")
				: null;
		return new NewInteraction(channelText, type, participants, routingText, routing,
				form.first("InteractionContextSid"), form.first("WebhookTtid"), mediaChannelSid);
	}

	/**
	 * Reads the SMS bindings; other channel types (web chat, email) name their
	 * participants differently and are not checked.
	 */
	private static List<MessagingBinding> participants(String type, @Nullable JsonNode participants) {
		List<MessagingBinding> bindings = new ArrayList<>();
		if (participants == null || participants.isNull() || !isSms(type)) {
			return bindings;
		}
		if (!participants.isArray()) {
			throw TwilioApiException.invalidParameter("Channel.participants", "must be a JSON array");
		}
		for (JsonNode participant : participants) {
			if (!participant.isObject()) {
				throw TwilioApiException.invalidParameter("Channel.participants",
						"each participant must be a JSON object");
			}
			bindings.add(new MessagingBinding(requiredText(participant, "address", "Channel.participants.address"),
					requiredText(participant, "proxy_address", "Channel.participants.proxy_address")));
		}
		return bindings;
	}

	private static boolean isSms(String type) {
		return type.equals("sms") || type.equals("whatsapp");
	}

	private static TaskRouting routing(ObjectNode routing) {
		JsonNode properties = routing.get("properties");
		if (properties == null || !properties.isObject()) {
			throw TwilioApiException.missingParameter("Routing.properties");
		}
		String workspaceSid = requiredText(properties, "workspace_sid", "Routing.properties.workspace_sid");
		String taskChannel = text(properties, "task_channel_unique_name");
		return new TaskRouting(workspaceSid, text(properties, "workflow_sid"), text(properties, "queue_sid"),
				text(properties, "worker_sid"), (taskChannel != null) ? taskChannel : DEFAULT_TASK_CHANNEL,
				integer(properties, "priority", DEFAULT_PRIORITY), integer(properties, "timeout", DEFAULT_TIMEOUT),
				Json.write(attributes(properties.get("attributes"))));
	}

	/**
	 * Reads the routing attributes, sent as a JSON object (the docs' examples) or as a
	 * string holding one.
	 */
	private static ObjectNode attributes(@Nullable JsonNode attributes) {
		if (attributes == null || attributes.isNull()) {
			return Json.object();
		}
		if (attributes.isString()) {
			return Json.parseObject("Routing.properties.attributes", attributes.asString());
		}
		if (!attributes.isObject()) {
			throw TwilioApiException.invalidParameter("Routing.properties.attributes", "must be a JSON object");
		}
		return (ObjectNode) attributes;
	}

	private static int integer(JsonNode node, String name, int fallback) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isIntegralNumber()) {
			throw TwilioApiException.invalidParameter("Routing.properties." + name, value.toString());
		}
		return value.asInt();
	}

	private static String requiredText(JsonNode node, String name, String parameter) {
		String value = text(node, name);
		if (value == null || value.isEmpty()) {
			throw TwilioApiException.missingParameter(parameter);
		}
		return value;
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value == null || value.isNull() || !value.isValueNode()) ? null : value.asString();
	}

}
