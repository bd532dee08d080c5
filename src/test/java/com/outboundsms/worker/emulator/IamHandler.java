package com.outboundsms.worker.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the Flex token validation a Flex plugin's backend calls: {@code POST
 * /iam/v1/Accounts/{AccountSid}/Tokens/validate} with {@code {"token": …}} as JSON,
 * answering {@code valid} with the token's identity and expiration, or
 * {@code valid: false} with the reason for unknown and expired tokens.
 */
final class IamHandler {

	private static final int INVALID_TOKEN = 20101;

	private static final int EXPIRED_TOKEN = 20104;

	private final EmulatorState state;

	IamHandler(EmulatorState state) {
		this.state = state;
	}

	void register(Routes routes) {
		routes.add("POST", "/iam/v1/Accounts/{AccountSid}/Tokens/validate", this::validate);
	}

	private ApiResponse validate(ApiRequest request) {
		if (!request.variable("AccountSid").equals(this.state.accountSid())) {
			throw TwilioApiException.notFound(request.path());
		}
		JsonNode token = Json.parseObject("body", request.body()).path("token");
		if (!token.isString() || token.asString().isEmpty()) {
			throw TwilioApiException.missingParameter("token");
		}
		FlexToken known = this.state.tokens.find(token.asString());
		ObjectNode answer = Json.object();
		if (known == null) {
			return ApiResponse.ok(invalid(answer, INVALID_TOKEN, "Invalid token"));
		}
		if (!known.expiration().isAfter(this.state.now())) {
			return ApiResponse.ok(invalid(answer, EXPIRED_TOKEN, "Token expired"));
		}
		answer.put("valid", true);
		answer.put("code", 0);
		answer.putNull("message");
		answer.put("expiration", TwilioTime.format(known.expiration()));
		answer.put("realm_user_id", known.realmUserId());
		answer.put("identity", known.identity());
		answer.putNull("worker_sid");
		answer.putArray("roles").add("agent");
		return ApiResponse.ok(answer);
	}

	private static ObjectNode invalid(ObjectNode answer, int code, String message) {
		answer.put("valid", false);
		answer.put("code", code);
		answer.put("message", message);
		answer.putNull("expiration");
		answer.putNull("realm_user_id");
		answer.putNull("identity");
		answer.putNull("worker_sid");
		answer.putNull("roles");
		return answer;
	}

}
