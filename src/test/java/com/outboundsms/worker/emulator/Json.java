package com.outboundsms.worker.emulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds the one JSON mapper of the emulator and the few JSON operations it needs.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	/**
	 * Parses text that must be a JSON object, answering Twilio's validation error
	 * otherwise.
	 */
	static ObjectNode parseObject(String parameter, String text) {
		JsonNode node = parse(parameter, text);
		if (!node.isObject()) {
			throw TwilioApiException.invalidParameter(parameter, "must be a JSON object");
		}
		return (ObjectNode) node;
	}

	static JsonNode parse(String parameter, String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw TwilioApiException.invalidParameter(parameter, "is not valid JSON");
		}
	}

	static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

}
