package com.outboundsms.worker.web;

import org.jspecify.annotations.Nullable;
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
 * @param token the {@code Token} field, or {@code null} unless the body is a JSON object
 * with a string there
 * @param object the parsed body when it has a token to take out, else {@code null}
 */
record CallerBody(byte[] raw, @Nullable String token, @Nullable ObjectNode object) {

	static final String TOKEN_FIELD = "Token";

	/** The request attribute that holds a call's body once it is read. */
	static final String ATTRIBUTE = "com.outboundsms.worker.web.CallerBody";

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
				return new CallerBody(raw, token.isString() ? token.asString() : null, object);
			}
		}
		catch (JacksonException ex) {
			// not JSON: no token, and the intake answers why
		}
		return new CallerBody(raw, null, null);
	}

	/**
	 * The body to queue: as received, or without its {@code Token} field.
	 */
	byte[] queued() {
		if (this.object == null) {
			return this.raw;
		}
		ObjectNode copy = this.object.deepCopy();
		copy.remove(TOKEN_FIELD);
		return JSON.writeValueAsBytes(copy);
	}

	@Override
	public String toString() {
		return "CallerBody[" + this.raw.length + " bytes, token=" + ((this.token != null) ? "******" : "none") + "]";
	}

}
