package com.outboundsms.worker.schedule;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Writes the properties of a delivered request that matter for its next delivery as JSON,
 * and reads them back: the producer's ids, content type and encoding, timestamp and the
 * headers with plain values. Left out: what the broker or the delivery set (the delivery
 * count, {@code x-death}), and what the broker would check against the republishing
 * connection (the user id).
 */
final class HeldMessages {

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private static final Set<String> BROKERS_HEADERS = Set.of("x-delivery-count", "x-death", "x-first-death-queue",
			"x-first-death-reason", "x-first-death-exchange", "x-last-death-queue", "x-last-death-reason",
			"x-last-death-exchange", "spring_returned_message_correlation");

	private final JsonMapper json;

	HeldMessages(JsonMapper json) {
		this.json = json;
	}

	String write(MessageProperties properties) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("messageId", properties.getMessageId());
		fields.put("correlationId", properties.getCorrelationId());
		fields.put("contentType", properties.getContentType());
		fields.put("contentEncoding", properties.getContentEncoding());
		fields.put("type", properties.getType());
		fields.put("appId", properties.getAppId());
		Date timestamp = properties.getTimestamp();
		fields.put("timestamp", (timestamp != null) ? timestamp.getTime() : null);
		Map<String, Object> headers = new LinkedHashMap<>();
		properties.getHeaders().forEach((name, value) -> {
			boolean plain = value instanceof String || value instanceof Number || value instanceof Boolean;
			if (plain && !BROKERS_HEADERS.contains(name)) {
				headers.put(name, value);
			}
		});
		fields.put("headers", headers);
		return this.json.writeValueAsString(fields);
	}

	@SuppressWarnings("unchecked")
	MessageProperties read(String text) {
		Map<String, @Nullable Object> fields = this.json.readValue(text, OBJECT);
		MessageProperties properties = new MessageProperties();
		properties.setMessageId((String) fields.get("messageId"));
		properties.setCorrelationId((String) fields.get("correlationId"));
		properties.setContentType((String) fields.get("contentType"));
		properties.setContentEncoding((String) fields.get("contentEncoding"));
		properties.setType((String) fields.get("type"));
		properties.setAppId((String) fields.get("appId"));
		if (fields.get("timestamp") instanceof Number millis) {
			properties.setTimestamp(new Date(millis.longValue()));
		}
		if (fields.get("headers") instanceof Map<?, ?> headers) {
			((Map<String, Object>) headers).forEach(properties::setHeader);
		}
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return properties;
	}

}
