package com.outboundsms.worker.door;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A body as a Flex plugin posts it to the original Function: the request's fields and,
 * often, the agent's Flex token as {@code Token}. The token is read for authentication
 * and taken out before the body is queued, so it never reaches the broker, the
 * dead-letter queue or a log; the rest of the body is queued as it came.
 *
 * @param raw the body as received
 * @param token the {@code Token} field, if the body is a JSON object with a string there
 * @param object the parsed body, when it has a token to take out
 */
record CallerBody(byte[] raw, Optional<String> token, Optional<ObjectNode> object) {

	static final String TOKEN_FIELD = "Token";

	/** The request attribute that holds a call's body once it is read. */
	static final String ATTRIBUTE = "com.outboundsms.worker.door.CallerBody";

	// exact decimals, so that what is queued says what the caller sent
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * Reads the token out of a body; a body that is not a JSON object has none (the
	 * intake says what is wrong with it).
	 */
	static CallerBody of(byte[] raw) {
		try {
			JsonNode node = JSON.readTree(raw);
			if (node instanceof ObjectNode object && object.has(TOKEN_FIELD)) {
				JsonNode token = object.get(TOKEN_FIELD);
				return new CallerBody(raw, token.isString() ? Optional.of(token.asString()) : Optional.empty(),
						Optional.of(object));
			}
		}
		catch (JacksonException ex) {
			// not JSON: no token, and the intake answers why
		}
		return new CallerBody(raw, Optional.empty(), Optional.empty());
	}

	/**
	 * The body to queue: as received, or without its {@code Token} field.
	 */
	byte[] queued() {
		return this.object.map((node) -> {
			ObjectNode copy = node.deepCopy();
			copy.remove(TOKEN_FIELD);
			return JSON.writeValueAsBytes(copy);
		}).orElse(this.raw);
	}

	@Override
	public String toString() {
		return "CallerBody[" + this.raw.length + " bytes, token=" + (this.token.isPresent() ? "******" : "none") + "]";
	}

}
