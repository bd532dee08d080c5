package com.outboundsms.worker.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.WorkerMetrics;
import com.outboundsms.worker.twilio.TwilioProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates Flex user tokens with Twilio's {@code POST
 * https://iam.twilio.com/v1/Accounts/{AccountSid}/Tokens/validate}, with the worker's
 * Twilio credentials, read timeout and base URL redirect, but on an HTTP client of its
 * own: the outreaches' connections and limit on Twilio calls are never shared with the
 * door's callers.
 */
class TwilioFlexTokens implements FlexTokens {

	/** The endpoint as the worker's Twilio call meters name endpoints. */
	private static final String ENDPOINT = "iam/v1/Accounts/{sid}/Tokens/validate";

	private final JsonMapper json;

	private final HttpClient http;

	private final URI uri;

	private final String authorization;

	private final Duration readTimeout;

	private final WorkerMetrics metrics;

	TwilioFlexTokens(TwilioProperties twilio, WorkerMetrics metrics, JsonMapper json) {
		this.json = json;
		this.readTimeout = twilio.readTimeout();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.readTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.uri = URI.create(host(twilio.apiBaseUrl()) + "/v1/Accounts/" + twilio.accountSid() + "/Tokens/validate");
		// an API key when one is set, else the account's
		// auth token, as for every Twilio call
		boolean apiKey = hasText(twilio.apiKey()) || hasText(twilio.apiSecret());
		String credentials = apiKey ? twilio.apiKey() + ":" + twilio.apiSecret()
				: twilio.accountSid() + ":" + twilio.authToken();
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		this.metrics = metrics;
	}

	@Override
	public Optional<Instant> validUntil(String token) {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(this.readTimeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("token", token))))
			.build();
		HttpResponse<String> response = send(request);
		int status = response.statusCode();
		if (status == 401 || status == 403 || status == 429 || status >= 500) {
			throw new FlexTokensUnavailable("Twilio's token validation answered " + status, null);
		}
		if (status != 200) {
			// a token Twilio cannot even read (400) is as bad as an expired one
			return Optional.empty();
		}
		return expiration(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) {
		long started = System.nanoTime();
		int status = 0;
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			status = response.statusCode();
			return response;
		}
		catch (IOException ex) {
			throw new FlexTokensUnavailable("Twilio's token validation did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FlexTokensUnavailable("interrupted while asking Twilio's token validation", ex);
		}
		finally {
			this.metrics.twilioCall(ENDPOINT, status, Duration.ofNanos(System.nanoTime() - started));
		}
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

	/** Twilio's IAM host, or its place under the configured base URL. */
	private static String host(@Nullable String baseUrl) {
		if (!hasText(baseUrl)) {
			return "https://iam.twilio.com";
		}
		return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/iam";
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
