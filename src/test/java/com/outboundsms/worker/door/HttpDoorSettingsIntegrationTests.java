package com.outboundsms.worker.door;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.outboundsms.worker.IsolatedRun;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door's settings that change what is served: the door turned off, and CORS opened to
 * one origin.
 */
class HttpDoorSettingsIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static HttpResponse<String> preflight(int port, String origin) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/outbound-sms"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@ContextConfiguration(initializers = IsolatedRun.class)
	@TestPropertySource(properties = { "outbound-sms.http.enabled=false", "outbound-sms.http.api-tokens=door-off" })
	class TurnedOff {

		@LocalServerPort
		int port;

		@Test
		void servesNoDoorButStillItsHealth() throws Exception {
			HttpResponse<String> post = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/outbound-sms"))
					.header("Authorization", "Bearer door-off")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> health = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/liveness"))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(post.statusCode()).isEqualTo(404);
			assertThat(health.statusCode()).isEqualTo(200);
		}

	}

	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@ContextConfiguration(initializers = IsolatedRun.class)
	@TestPropertySource(properties = { "outbound-sms.http.api-tokens=door-cors",
			"outbound-sms.http.cors-origins=https://crm.example.com" })
	class CorsOpenedToOneOrigin {

		@LocalServerPort
		int port;

		@Test
		void allowsThatOriginOnly() throws Exception {
			HttpResponse<String> allowed = preflight(this.port, "https://crm.example.com");
			HttpResponse<String> other = preflight(this.port, "https://elsewhere.example.com");

			assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://crm.example.com");
			assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		}

	}

}
