package com.outboundsms.worker.door;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates Flex user tokens with Twilio's {@code POST
 * https://iam.twilio.com/v1/Accounts/{AccountSid}/Tokens/validate}, through the worker's
 * shared client, so its credentials, timeouts and base URL redirect apply. twilio-java
 * has no resource class for this endpoint.
 */
class TwilioFlexTokens implements FlexTokens {

	private final TwilioRestClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	TwilioFlexTokens(TwilioRestClient client) {
		this.client = client;
	}

	@Override
	public Optional<Instant> validUntil(String token) {
		Request request = new Request(HttpMethod.POST, "iam",
				"/v1/Accounts/" + this.client.getAccountSid() + "/Tokens/validate");
		request.setContentType(EnumConstants.ContentType.JSON);
		request.setBody(this.json.writeValueAsString(Map.of("token", token)));
		Response response;
		try {
			response = this.client.request(request);
		}
		catch (TwilioException ex) {
			throw new FlexTokensUnavailable("Twilio's token validation did not answer", ex);
		}
		int status = response.getStatusCode();
		if (status == 401 || status == 403 || status == 429 || status >= 500) {
			throw new FlexTokensUnavailable("Twilio's token validation answered " + status, null);
		}
		if (status != 200) {
			// a token Twilio cannot even read (400) is as bad as an expired one
			return Optional.empty();
		}
		return expiration(response.getContent());
	}

	private Optional<Instant> expiration(String content) {
		try {
			JsonNode answer = this.json.readTree(content);
			if (!answer.path("valid").asBoolean(false) || !answer.path("expiration").isString()) {
				return Optional.empty();
			}
			return Optional.of(Instant.parse(answer.path("expiration").asString()));
		}
		catch (JacksonException | DateTimeParseException ex) {
			throw new FlexTokensUnavailable("Twilio's token validation answered something unreadable", ex);
		}
	}

}
