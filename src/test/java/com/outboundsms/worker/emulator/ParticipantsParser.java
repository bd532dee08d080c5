package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code Participants} form field of a Session create in both wire shapes: one
 * field per participant holding a JSON object (twilio-java), or one field holding a JSON
 * array (the Node SDK).
 */
final class ParticipantsParser {

	private ParticipantsParser() {
	}

	static List<ParticipantSpec> parse(List<String> fields) {
		List<ParticipantSpec> participants = new ArrayList<>();
		for (String field : fields) {
			JsonNode node = Json.parse("Participants", field);
			if (node.isArray()) {
				for (JsonNode element : node) {
					participants.add(participant(element));
				}
			}
			else {
				participants.add(participant(node));
			}
		}
		return participants;
	}

	private static ParticipantSpec participant(JsonNode node) {
		if (!node.isObject()) {
			throw TwilioApiException.invalidParameter("Participants", "each participant must be a JSON object");
		}
		String identifier = text(node, "Identifier");
		if (identifier == null || identifier.isEmpty()) {
			throw TwilioApiException.missingParameter("Participants.Identifier");
		}
		return new ParticipantSpec(identifier, text(node, "ProxyIdentifier"), text(node, "FriendlyName"));
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
