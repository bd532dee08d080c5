package com.outboundsms.worker.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.outboundsms.worker.CapturedMessages;
import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.RequestBodies;
import com.outboundsms.worker.TestNumbers;
import com.outboundsms.worker.emulator.FlexToken;
import com.outboundsms.worker.emulator.TwilioEmulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flex tokens at the door against the emulator's token validation: what is refused
 * without asking Twilio, what is asked once, the client held off after too many refusals,
 * and a flood of slow bogus tokens beside an outreach. Each test is its own client,
 * through {@code X-Forwarded-For} as a load balancer sends it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@Import(CapturedMessages.class)
@TestPropertySource(properties = { "outbound-sms.http.api-tokens=" + FlexTokenIntegrationTests.API_TOKEN,
		"server.forward-headers-strategy=native", "outbound-sms.http.token-validation.concurrency=2",
		"outbound-sms.http.token-validation.permit-wait=200ms", "outbound-sms.http.client-refusals.limit=3",
		// as few outreach permits as the flood has validations in flight
		"twilio.limits.max=2", "twilio.limits.initial=2" })
class FlexTokenIntegrationTests {

	static final String API_TOKEN = "test-door-flex-token-api-token";

	private static final String VALIDATE = "/iam/v1/Accounts/[^/]+/Tokens/validate";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	CapturedMessages taps;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void resetFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void admitsAValidTokenAndAsksTwilioAboutItOnce() throws Exception {
		FlexToken agent = this.emulator.issueFlexToken("agent@example.com", Duration.ofHours(1));
		int before = validations();

		HttpResponse<String> first = status(agent.token(), "198.51.100.1");
		HttpResponse<String> second = status(agent.token(), "198.51.100.1");

		assertThat(first.statusCode()).isEqualTo(404);
		assertThat(second.statusCode()).isEqualTo(404);
		assertThat(validations() - before).isEqualTo(1);
	}

	@Test
	void refusesMalformedExpiredAndOtherAccountsTokensWithoutAskingTwilio() throws Exception {
		FlexToken expired = this.emulator.issueFlexToken("agent@example.com", Duration.ofMinutes(-1));
		String otherAccount = SampleTokens.signed(SampleTokens.OTHER_ACCOUNT, Instant.now().plusSeconds(3600));
		List<String> tokens = List.of("unknown-flex-token", "e30.e30.c2ln", expired.token(), otherAccount);
		int before = validations();

		List<Integer> statuses = IntStream.range(0, tokens.size())
			.mapToObj((i) -> status(tokens.get(i), "198.51.100." + (20 + i)).statusCode())
			.toList();

		assertThat(statuses).containsOnly(401);
		assertThat(validations()).isEqualTo(before);
	}

	@Test
	void asksTwilioOnceAboutATokenItRefused() throws Exception {
		String bogus = bogusToken();
		int before = validations();

		HttpResponse<String> first = status(bogus, "198.51.100.30");
		int afterFirst = validations();
		HttpResponse<String> second = status(bogus, "198.51.100.30");

		assertThat(first.statusCode()).isEqualTo(401);
		assertThat(second.statusCode()).isEqualTo(401);
		assertThat(afterFirst - before).isEqualTo(1);
		assertThat(validations()).isEqualTo(afterFirst);
	}

	@Test
	void holdsOffAClientRefusedTooOftenWithRetryAfterButNeverValidCredentials() throws Exception {
		String client = "198.51.100.40";
		for (int i = 0; i < 3; i++) {
			assertThat(status("unknown-flex-token", client).statusCode()).isEqualTo(401);
		}
		int before = validations();

		HttpResponse<String> heldOff = status(bogusToken(), client);
		HttpResponse<String> withApiToken = new ApiCalls(this.port).send(ApiCalls.GET,
				"/v1/outbound-sms/unknown-" + UUID.randomUUID(), null,
				Map.of("Authorization", "Bearer " + API_TOKEN, "X-Forwarded-For", client));
		HttpResponse<String> otherClient = status("unknown-flex-token", "198.51.100.41");

		assertThat(heldOff.statusCode()).isEqualTo(429);
		assertThat(heldOff.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(JSON.readTree(heldOff.body()).path("error").asString()).isEqualTo("TOO_MANY_REFUSALS");
		assertThat(validations()).isEqualTo(before);
		assertThat(withApiToken.statusCode()).isEqualTo(404);
		assertThat(otherClient.statusCode()).isEqualTo(401);
	}

	@Test
	void aFloodOfSlowBogusTokensNeitherFailsNorDelaysAConcurrentOutreach() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		FlexToken agent = this.emulator.issueFlexToken("agent@example.com", Duration.ofHours(1));
		assertThat(status(agent.token(), "198.51.100.50").statusCode()).isEqualTo(404);
		this.emulator.faults().latency("POST", VALIDATE, Duration.ofSeconds(4));
		int before = validations();
		ApiCalls door = new ApiCalls(this.port);
		List<CompletableFuture<HttpResponse<String>>> flood = IntStream.range(0, 6)
			.mapToObj((i) -> door.sendAsync(ApiCalls.GET, "/v1/outbound-sms/flood-" + i, null,
					Map.of("X-Flex-Token", bogusToken(), "X-Forwarded-For", "198.51.100." + (60 + i))))
			.toList();
		// the door's budget is full once part of the
		// flood is told its token could not be checked
		await().atMost(Duration.ofSeconds(3))
			.until(() -> flood.stream().anyMatch((call) -> call.isDone() && call.join().statusCode() == 503));
		String requestId = "door-flood-" + UUID.randomUUID();

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, from, TestNumbers.customerNumber())),
				null);
		JsonNode result = this.taps.awaitResult(requestId);
		long stillValidating = flood.stream().filter((call) -> !call.isDone()).count();
		HttpResponse<String> agentMeanwhile = status(agent.token(), "198.51.100.50");

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(1);
		assertThat(stillValidating).isEqualTo(2);
		assertThat(agentMeanwhile.statusCode()).isEqualTo(404);
		assertThat(this.meters.find("outbound.sms.twilio.refused").counters()).extracting(Counter::count)
			.allSatisfy((count) -> assertThat(count).isZero());
		assertThat(flood).extracting((call) -> call.join().statusCode()).containsOnly(401, 503);
		assertThat(validations() - before).isEqualTo(2);
	}

	/** A well-formed token of the emulator's account that the emulator never issued. */
	private String bogusToken() {
		return SampleTokens.signed(this.emulator.accountSid(), Instant.now().plusSeconds(3600));
	}

	private HttpResponse<String> status(String flexToken, String client) {
		try {
			return new ApiCalls(this.port).send(ApiCalls.GET, "/v1/outbound-sms/unknown-" + UUID.randomUUID(), null,
					Map.of("X-Flex-Token", flexToken, "X-Forwarded-For", client));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int validations() {
		return this.emulator.count("POST", VALIDATE);
	}

}
