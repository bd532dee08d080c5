package com.outboundsms.worker.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.outboundsms.worker.CapturedMessages;
import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.RequestBodies;
import com.outboundsms.worker.TestNumbers;
import com.outboundsms.worker.emulator.RecordedRequest;
import com.outboundsms.worker.emulator.TwilioEmulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's {@code onConversationStateUpdated} webhook over loopback, signed as Twilio
 * signs it, against a flex-conversations worker that trusts Twilio's word that an
 * outreach is open for an hour: only the webhook can tell it a conversation closed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@Import(CapturedMessages.class)
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=WS0123456789abcdef0123456789abcdef",
		"twilio.workflow-sid=WW0123456789abcdef0123456789abcdef", "twilio.queue-sid=WQ0123456789abcdef0123456789abcdef",
		"outbound-sms.processing.open-check-interval=1h",
		"outbound-sms.webhooks.conversation-events-url=" + ConversationEventsIntegrationTests.URL,
		"outbound-sms.webhooks.auth-token=" + ConversationEventsIntegrationTests.AUTH_TOKEN,
		// the door asks for credentials, which Twilio cannot send
		"outbound-sms.http.api-tokens=test-door-api-token" })
class ConversationEventsIntegrationTests {

	/**
	 * The URL configured at Twilio: a public one, not the loopback address called here.
	 */
	static final String URL = "https://worker.example.com/v1/twilio/conversation-events";

	static final String AUTH_TOKEN = "test-webhook-auth-token";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@Test // #15
	void aSignedClosedEventClosesThePairSoItsNextRequestCreatesWithoutAskingTwilio() throws Exception {
		Pair pair = newPair();
		String closed = created(pair).path("conversationSid").asString();
		this.emulator.closeConversation(closed);
		int before = this.emulator.requests().size();
		double closesBefore = counted("closed", "closed");

		HttpResponse<String> answer = post(event(closed, "closed"), AUTH_TOKEN);
		JsonNode next = created(pair);

		assertThat(answer.statusCode()).isEqualTo(204);
		assertThat(counted("closed", "closed")).isEqualTo(closesBefore + 1);
		assertThat(next.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(next.path("conversationSid").asString()).isNotEqualTo(closed);
		assertThat(since(before)).extracting(RecordedRequest::path)
			.doesNotContain("/conversations/v1/Conversations/" + closed)
			.contains("/flex-api/v1/Interactions");
		assertThat(storedConversation(pair)).contains(next.path("conversationSid").asString());
	}

	@Test // #15
	void anUnsignedEventIsRefusedAndChangesNothing() throws Exception {
		Pair pair = newPair();
		String open = created(pair).path("conversationSid").asString();
		double refusedBefore = counted("other", "refused");

		HttpResponse<String> answer = post(event(open, "closed"), null);

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(storedConversation(pair)).contains(open);
		assertThat(counted("other", "refused")).isEqualTo(refusedBefore + 1);
	}

	@Test // #15
	void anEventSignedWithAnotherTokenIsRefusedAndChangesNothing() throws Exception {
		Pair pair = newPair();
		String open = created(pair).path("conversationSid").asString();

		HttpResponse<String> answer = post(event(open, "closed"), "not-the-accounts-auth-token");

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(storedConversation(pair)).contains(open);
	}

	@Test // #15
	void anInactiveConversationKeepsItsPair() throws Exception {
		Pair pair = newPair();
		String open = created(pair).path("conversationSid").asString();

		HttpResponse<String> answer = post(event(open, "inactive"), AUTH_TOKEN);

		assertThat(answer.statusCode()).isEqualTo(204);
		assertThat(storedConversation(pair)).contains(open);
	}

	@Test // #15
	void anUnknownConversationIsAnsweredAndIgnored() throws Exception {
		Pair pair = newPair();
		String open = created(pair).path("conversationSid").asString();

		HttpResponse<String> answer = post(event("CH" + "f".repeat(32), "closed"), AUTH_TOKEN);

		assertThat(answer.statusCode()).isEqualTo(204);
		assertThat(storedConversation(pair)).contains(open);
	}

	@Test // #15
	void twiliosRetryOfAClosedEventLeavesThePairsNewOutreachOpen() throws Exception {
		Pair pair = newPair();
		String closed = created(pair).path("conversationSid").asString();
		this.emulator.closeConversation(closed);
		Map<String, String> event = event(closed, "closed");
		HttpResponse<String> first = post(event, AUTH_TOKEN);
		String made = created(pair).path("conversationSid").asString();

		HttpResponse<String> retry = post(event, AUTH_TOKEN);

		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(retry.statusCode()).isEqualTo(204);
		assertThat(storedConversation(pair)).contains(made);
	}

	/** Publishes a request for the pair and waits for its result. */
	private JsonNode created(Pair pair) {
		String requestId = "conversation-events-" + UUID.randomUUID();
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);
		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		return result;
	}

	/** The event as Twilio posts it when a conversation changes state. */
	private Map<String, String> event(String conversationSid, String stateTo) {
		Map<String, String> event = new LinkedHashMap<>();
		event.put("EventType", "onConversationStateUpdated");
		event.put("ConversationSid", conversationSid);
		event.put("StateFrom", "active");
		event.put("StateTo", stateTo);
		event.put("Reason", "TIMER");
		event.put("AccountSid", this.emulator.accountSid());
		event.put("ChatServiceSid", "IS" + "0".repeat(32));
		event.put("DateCreated", "2026-12-06T02:00:00.000Z");
		event.put("DateUpdated", "2026-12-06T03:00:00.000Z");
		event.put("Source", "SDK");
		return event;
	}

	/** Posts an event to the worker, signed with a token or not signed at all. */
	private HttpResponse<String> post(Map<String, String> event, @Nullable String signingToken)
			throws IOException, InterruptedException {
		String form = event.entrySet()
			.stream()
			.map((parameter) -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + ConversationEventsController.PATH))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (signingToken != null) {
			request.header(ConversationEventsController.SIGNATURE, TwilioWebhookSignature.of(signingToken, URL, event));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double counted(String state, String result) {
		Counter counter = this.registry.find("outbound.sms.conversation.events")
			.tag("state", state)
			.tag("result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<RecordedRequest> since(int index) {
		List<RecordedRequest> all = this.emulator.requests();
		return all.subList(index, all.size());
	}

	/** The conversation of the pair's open outreach, as the store keeps it. */
	private Optional<String> storedConversation(Pair pair) {
		return this.jdbc
			.sql("SELECT conversation_sid FROM outreach WHERE from_number = ? AND to_number = ? AND state = 'OPEN'")
			.params(pair.from(), pair.to())
			.query(String.class)
			.optional();
	}

	private static Pair newPair() {
		return new Pair(TestNumbers.twilioNumber(), TestNumbers.customerNumber());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Pair(String from, String to) {
	}

}
