package com.outboundsms.worker.emulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.twilio.http.TwilioRestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the clients the integration tests drive the emulator with: twilio-java 13, and
 * raw HTTP for what twilio-java cannot send or hides (the Node wire shape, the raw JSON
 * bodies).
 */
public final class EmulatorClients {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private EmulatorClients() {
	}

	public static TwilioRestClient twilio(TwilioEmulator emulator) {
		return twilio(emulator, emulator.accountSid(), emulator.authToken());
	}

	public static TwilioRestClient twilio(TwilioEmulator emulator, String username, String password) {
		return new TwilioRestClient.Builder(username, password).httpClient(new RewritingHttpClient(emulator.baseUrl()))
			.build();
	}

	public static RawResponse get(TwilioEmulator emulator, String path) {
		return send(emulator, HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).GET());
	}

	public static RawResponse delete(TwilioEmulator emulator, String path) {
		return send(emulator, HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).DELETE());
	}

	/**
	 * POSTs a form; each entry is one field, so repeated names stay repeated and order is
	 * kept.
	 */
	public static RawResponse post(TwilioEmulator emulator, String path, List<Map.Entry<String, String>> fields) {
		String body = fields.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(emulator,
				HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Sends a request to the control API, without credentials: a body that starts with
	 * {@code {}} goes as JSON, any other as a form.
	 */
	public static RawResponse control(TwilioEmulator emulator, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
		if (body == null) {
			return exchange(request.method(method, HttpRequest.BodyPublishers.noBody()));
		}
		return exchange(request
			.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Reads a JSON object twilio-java hands back untyped (a conversation's
	 * {@code timers}, a webhook's {@code configuration}) as a map with text keys.
	 */
	public static Map<String, Object> fields(Object untyped) {
		Map<String, Object> fields = new LinkedHashMap<>();
		((Map<?, ?>) untyped).forEach((name, value) -> fields.put(String.valueOf(name), value));
		return fields;
	}

	private static RawResponse send(TwilioEmulator emulator, HttpRequest.Builder builder) {
		String credentials = emulator.accountSid() + ":" + emulator.authToken();
		builder.header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		return exchange(builder);
	}

	private static RawResponse exchange(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
			return new RawResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request to the emulator failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	public record RawResponse(int status, String contentType, JsonNode body) {

	}

}
