package com.outboundsms.worker.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls to the door over loopback, each answer held to the door's OpenAPI document.
 */
final class ApiCalls {

	static final String POST = "POST /v1/outbound-sms";

	static final String GET = "GET /v1/outbound-sms/{requestId}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	ApiCalls(int port) {
		this.port = port;
	}

	/**
	 * Sends a call and holds the answer to the OpenAPI document.
	 * @param operation the documented operation, such as {@link #POST} or {@link #GET}
	 * @param pathAndQuery what follows the host
	 * @param body a JSON body, {@code null} for none
	 * @param headers the headers
	 * @return the answer
	 */
	HttpResponse<String> send(String operation, String pathAndQuery, @Nullable String body, Map<String, String> headers)
			throws IOException, InterruptedException {
		return conforming(operation,
				this.http.send(request(operation, pathAndQuery, body, headers), HttpResponse.BodyHandlers.ofString()));
	}

	/**
	 * Sends a call without waiting for its answer.
	 * @see #send
	 */
	CompletableFuture<HttpResponse<String>> sendAsync(String operation, String pathAndQuery, @Nullable String body,
			Map<String, String> headers) {
		return this.http
			.sendAsync(request(operation, pathAndQuery, body, headers), HttpResponse.BodyHandlers.ofString())
			.thenApply((answer) -> conforming(operation, answer));
	}

	private HttpRequest request(String operation, String pathAndQuery, @Nullable String body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(40));
		if (body != null) {
			request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
		}
		else if (operation.startsWith("POST ")) {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		headers.forEach(request::header);
		return request.build();
	}

	private static HttpResponse<String> conforming(String operation, HttpResponse<String> answer) {
		assertThat(HttpApiContract.violations(operation, answer.statusCode(), answer.headers(), answer.body()))
			.as("%s answered %s: %s", operation, answer.statusCode(), answer.body())
			.isEmpty();
		return answer;
	}

}
