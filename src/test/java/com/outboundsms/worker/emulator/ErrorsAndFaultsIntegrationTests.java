package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks authentication, the error envelope on every error, and the fault plan over real
 * HTTP.
 */
class ErrorsAndFaultsIntegrationTests {

	private TwilioEmulator emulator;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator
			.start(EmulatorSettings.defaults().withApiKey("SK11111111111111111111111111111111", "key-secret"));
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void wrongCredentialsAreAnswered401With20003() {
		TwilioRestClient client = EmulatorClients.twilio(this.emulator, this.emulator.accountSid(), "wrong-token");

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> FlexFlow.reader().read(client).iterator())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(20003);
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getMessage()).isEqualTo("Authenticate");
			});
		assertThat(this.emulator.requests()).singleElement().satisfies((request) -> {
			assertThat(request.status()).isEqualTo(401);
			assertThat(request.errorCode()).isEqualTo(20003);
			assertThat(request.username()).isEqualTo(this.emulator.accountSid());
		});
	}

	@Test
	void registeredApiKeyIsAccepted() {
		this.emulator.createFlexFlow("+15559990000");
		TwilioRestClient client = EmulatorClients.twilio(this.emulator, "SK11111111111111111111111111111111",
				"key-secret");

		assertThat(FlexFlow.reader().read(client)).hasSize(1);
	}

	@Test
	void badCredentialsModeAnswersEveryRequest401() {
		this.emulator.faults().badCredentials(true);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> FlexFlow.reader().read(EmulatorClients.twilio(this.emulator)).iterator())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20003));

		this.emulator.faults().reset();
		assertThat(FlexFlow.reader().read(EmulatorClients.twilio(this.emulator))).isEmpty();
	}

	@Test
	void unknownPathIsAnswered404WithTheErrorEnvelope() {
		EmulatorClients.RawResponse response = EmulatorClients.get(this.emulator, "/flex-api/v1/Nope");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.body().get("code").asInt()).isEqualTo(20404);
		assertThat(response.body().get("status").asInt()).isEqualTo(404);
		assertThat(response.body().get("message").asString()).contains("/flex-api/v1/Nope");
		assertThat(response.body().get("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/20404");
	}

	@Test
	void wrongMethodIsAnswered405With20004() {
		EmulatorClients.RawResponse response = EmulatorClients.delete(this.emulator, "/flex-api/v1/FlexFlows");

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.body().get("code").asInt()).isEqualTo(20004);
		assertThat(response.body().get("status").asInt()).isEqualTo(405);
	}

	@Test
	void missingRequiredParameterIsAnswered400With20001() {
		EmulatorClients.RawResponse response = EmulatorClients.post(this.emulator, "/flex-api/v1/Channels",
				List.of(Map.entry("Identity", "x"), Map.entry("ChatUserFriendlyName", "Jane"),
						Map.entry("ChatFriendlyName", "SMS")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("code").asInt()).isEqualTo(20001);
		assertThat(response.body().get("message").asString())
			.isEqualTo("Missing required parameter FlexFlowSid in the post body");
	}

	@Test
	void scriptedFailureAnswersTheNextMatchingRequestsThenStops() {
		String service = this.emulator.defaultProxyServiceSid();
		this.emulator.faults().failNext("POST", "/proxy/v1/Services/KS[0-9a-f]+/Sessions", 429, 20429, "Too many", 2);
		TwilioRestClient client = EmulatorClients.twilio(this.emulator);

		// Apache HttpClient retries a 429 once on its
		// own, so one SDK call consumes both failures
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Session.creator(service).setUniqueName("a").create(client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(20429);
				assertThat(ex.getStatusCode()).isEqualTo(429);
			});
		assertThat(Session.creator(service).setUniqueName("a").create(client).getUniqueName()).isEqualTo("a");
		assertThat(this.emulator.requests("POST", ".*/Sessions")).extracting(RecordedRequest::status)
			.containsExactly(429, 429, 201);
	}

	@Test
	void randomFailureRateIsRepeatableWithASeed() {
		List<Integer> first = statusesUnderRandomFailures();
		this.emulator.faults().reset();
		List<Integer> second = statusesUnderRandomFailures();

		assertThat(first).isEqualTo(second).contains(500, 200);
	}

	@Test
	void droppedConnectionGetsNoAnswer() {
		// the JDK client retries an idempotent request once on a closed connection: drop
		// both tries
		this.emulator.faults().dropNext("GET", "/flex-api/v1/FlexFlows", 2);
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/flex-api/v1/FlexFlows"))
			.build();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
		assertThat(this.emulator.requests()).isNotEmpty()
			.allSatisfy((recorded) -> assertThat(recorded.status()).isZero());
	}

	@Test
	void latencyHoldsConcurrentRequestsOpenTogether() {
		// with requests served one at a time the cap of 5 could never be reached
		this.emulator.faults().concurrencyCap(5).latency(Duration.ofMillis(500));

		List<CompletableFuture<EmulatorClients.RawResponse>> calls = IntStream.range(0, 10)
			.mapToObj((i) -> CompletableFuture
				.supplyAsync(() -> EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows"), pool(10)))
			.toList();
		List<Integer> statuses = calls.stream().map((call) -> call.join().status()).toList();

		assertThat(statuses).contains(429);
		assertThat(statuses).filteredOn((status) -> status == 200).hasSizeGreaterThanOrEqualTo(5);
	}

	private static java.util.concurrent.Executor pool(int threads) {
		return java.util.concurrent.Executors.newFixedThreadPool(threads);
	}

	private List<Integer> statusesUnderRandomFailures() {
		this.emulator.faults().seed(7).failRandomly("GET", ".*", 0.5, 500, 20500, "boom");
		return IntStream.range(0, 20)
			.mapToObj((i) -> EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status())
			.toList();
	}

}
