package com.outboundsms.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies for tests, written with a JSON library so that any value reaches the
 * worker exactly.
 */
public final class RequestBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RequestBodies() {
	}

	/**
	 * The smallest valid request.
	 * @param requestId the request id
	 * @param from the Twilio number
	 * @param to the customer's number
	 * @return the fields, to add to or change before {@link #json(Map)}
	 */
	public static Map<String, Object> minimal(String requestId, String from, String to) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("fromNumber", from);
		body.put("toName", "Jane Doe");
		body.put("toNumber", to);
		return body;
	}

	public static String json(Map<String, Object> body) {
		return JSON.writeValueAsString(body);
	}

}
