package com.outboundsms.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.PhoneMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Twilio secrets (canary values the emulator accepts) never leave the worker: not in
 * its JSON log lines (raw or unescaped), dead letters, result events or health endpoint;
 * customers' numbers are masked where the worker writes about requests; and each attempt
 * at a request is logged with one outcome line.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@Import(CapturedMessages.class)
@TestPropertySource(properties = { "twilio.api-secret=" + SecretsIntegrationTests.CANARY_SECRET,
		"twilio.auth-token=" + SecretsIntegrationTests.CANARY_TOKEN })
@ExtendWith(OutputCaptureExtension.class)
class SecretsIntegrationTests {

	static final String CANARY_SECRET = "canary-api-secret-5f1d9c0e7b";

	static final String CANARY_TOKEN = "canary-auth-token-a83e44c216";

	private static final String SESSIONS = "/proxy/v1/Services/[^/]+/Sessions";

	private static final String CHANNELS = "/flex-api/v1/Channels";

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@LocalServerPort
	int port;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void neverShowsTheSecretsWhateverBecomesOfARequest(CapturedOutput output) throws Exception {
		List<Message> published = new ArrayList<>();

		published.addAll(succeed("secrets-created"));
		published.addAll(failInvalid("secrets-invalid"));
		published.addAll(failRejectedNaming("secrets-rejected", TestNumbers.customerNumber()));
		published.addAll(failTransiently("secrets-transient", TestNumbers.customerNumber()));
		String health = get("/actuator/health").body();

		List<String> canaries = List.of(CANARY_SECRET, CANARY_TOKEN, basicAuth(IsolatedRun.API_KEY, CANARY_SECRET),
				basicAuth(this.emulator.accountSid(), CANARY_TOKEN));
		awaitLogLine(output, "Request secrets-transient dead-lettered: RETRIES_EXHAUSTED");
		assertThat(output.getAll()).contains("Request secrets-created for").doesNotContain(canaries);
		JsonLog log = JsonLog.of(output);
		assertThat(log.values())
			.noneSatisfy((value) -> assertThat(value).containsAnyOf(canaries.toArray(String[]::new)));
		assertThat(outcomes(log, "secrets-created")).containsExactly("CREATED@1");
		assertThat(outcomes(log, "secrets-invalid")).containsExactly("FAILED@1");
		assertThat(outcomes(log, "secrets-rejected")).containsExactly("FAILED@1");
		assertThat(outcomes(log, "secrets-transient")).containsExactly("RETRY_SCHEDULED@1", "RETRY_SCHEDULED@2",
				"FAILED@3");
		assertThat(published).hasSize(7).allSatisfy((message) -> {
			assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).doesNotContain(canaries);
			assertThat(message.getMessageProperties().getHeaders().toString()).doesNotContain(canaries);
			assertThat(message.getMessageProperties().toString()).doesNotContain(canaries);
		});
		assertThat(health).contains("\"UP\"").doesNotContain(canaries);
	}

	@Test
	void doesNotServeTheEnvironment() throws Exception {
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/configprops").statusCode()).isEqualTo(404);
	}

	@Test
	void masksTheCustomersNumberInTheLogOfACreatedRequest(CapturedOutput output) {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("secrets-masked-log", from, to)), null);

		awaitLogLine(output,
				"Request secrets-masked-log for " + PhoneMask.mask(from) + ">" + PhoneMask.mask(to) + ": CREATED");
		assertThat(output.getAll()).doesNotContain(to, from);
		assertThat(JsonLog.of(output).values()).noneSatisfy((value) -> assertThat(value).containsAnyOf(to, from));
	}

	@Test
	void masksTheCustomersNumberThatTwilioEchoesInARejection(CapturedOutput output) {
		String to = TestNumbers.customerNumber();

		List<Message> published = failRejectedNaming("secrets-rejected-masked", to);

		Message deadLetter = published.get(0);
		String reason = (String) deadLetter.getMessageProperties().getHeaders().get("x-error-message");
		assertThat(reason).contains("is not reachable").contains(PhoneMask.mask(to)).doesNotContain(to);
		awaitLogLine(output, "Request secrets-rejected-masked dead-lettered: TWILIO_REJECTED");
		assertThat(output.getAll()).contains(PhoneMask.mask(to)).doesNotContain(to);
		assertThat(JsonLog.of(output).values()).noneSatisfy((value) -> assertThat(value).contains(to));
	}

	/** A created outreach: its result event. */
	private List<Message> succeed(String requestId) {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		var body = RequestBodies.minimal(requestId, from, TestNumbers.customerNumber());
		body.put("initialNotificationMessage", "Hello from the bank");

		this.taps.publish(RequestBodies.json(body), null);

		assertThat(this.taps.awaitResult(requestId).path("outcome").asString()).isEqualTo("CREATED");
		return this.taps.results(requestId);
	}

	/** An invalid request: its dead letter and failed result event. */
	private List<Message> failInvalid(String requestId) {
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, "+15005550006", "12")), null);

		assertThat(this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "INVALID_REQUEST");
		return settled(requestId);
	}

	/** Twilio refuses the session with a message that names the customer's number. */
	private List<Message> failRejectedNaming(String requestId, String to) {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults()
			.failNext("POST", SESSIONS, 400, 80404, "Participant Identifier Invalid: " + to + " is not reachable");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, from, to)), null);

		assertThat(this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "TWILIO_REJECTED");
		return settled(requestId);
	}

	/**
	 * Twilio answers 503 on every attempt, naming the number, until the worker gives up.
	 */
	private List<Message> failTransiently(String requestId, String to) {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().failNext("POST", CHANNELS, 503, 20503, "Service unavailable for " + to, 3);

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, from, to)), null);

		assertThat(this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "RETRIES_EXHAUSTED")
			.containsEntry("x-attempts", 3);
		return settled(requestId);
	}

	/** The dead letter first, then the failed result event. */
	private List<Message> settled(String requestId) {
		this.taps.awaitResult(requestId);
		List<Message> messages = new ArrayList<>(this.taps.deadLetters(requestId));
		messages.addAll(this.taps.results(requestId));
		return messages;
	}

	/**
	 * What the request's outcome lines say, in order.
	 * @return {@code outcome@attempt} of each line
	 */
	private static List<String> outcomes(JsonLog log, String requestId) {
		return log.outcomes(requestId)
			.stream()
			.map((line) -> line.path("outcome").asString() + "@" + line.path("attempt").asString())
			.toList();
	}

	/** The worker logs a request's fate just after publishing it: wait for the line. */
	private static void awaitLogLine(CapturedOutput output, String line) {
		await().atMost(CapturedMessages.PATIENCE).untilAsserted(() -> assertThat(output.getAll()).contains(line));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	/** The Authorization header's credentials, as a wire log would show them. */
	private static String basicAuth(String username, String secret) {
		return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
