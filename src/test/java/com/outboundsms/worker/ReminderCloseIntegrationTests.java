package com.outboundsms.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.emulator.ConversationMessage;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.StateWebhookDelivery;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reminder nobody answered, end to end: the emulator's conversation timers close it,
 * the emulator posts Twilio's signed {@code onConversationStateUpdated} webhook to the
 * worker, and the worker, which otherwise trusts for an hour that the reminder is open,
 * starts the pair's next reminder in a new conversation instead of posting into the
 * closed one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@Import(CapturedMessages.class)
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=" + FlexConversationsScenarios.WORKSPACE,
		"twilio.workflow-sid=" + FlexConversationsScenarios.WORKFLOW,
		"twilio.queue-sid=" + FlexConversationsScenarios.QUEUE,
		"twilio.studio-flow-sid=FW0123456789abcdef0123456789abcdef", "twilio.notify-inactive-timer=1h",
		"twilio.notify-closed-timer=1d", "outbound-sms.processing.open-check-interval=1h",
		"outbound-sms.http.api-tokens=test-door-api-token" })
class ReminderCloseIntegrationTests {

	/** Where the worker listens; Twilio is told this URL and signs with it. */
	private static final String URL = "http://127.0.0.1:" + freePort() + "/v1/twilio/conversation-events";

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> URL.replaceAll(".*:([0-9]+)/.*", "$1"));
		registry.add("outbound-sms.webhooks.conversation-events-url", () -> URL);
		// the emulator signs with the account's auth token, as Twilio does
		registry.add("outbound-sms.webhooks.auth-token", () -> EmulatorSettings.DEFAULT_AUTH_TOKEN);
	}

	@Test // #15
	void aReminderClosedByItsTimersIsLearnedFromTwilioAndTheNextReminderStartsAfresh() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.postConversationStateChangesTo(URL);
		JsonNode first = publishAndAwait(reminder("close-first", from, to, "First reminder."));
		String closed = first.path("conversationSid").asString();

		// nobody answered for a day: Twilio's timers close the conversation
		this.emulator.advanceClock(Duration.ofDays(1).plusMinutes(1));

		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.emulator.stateWebhookDeliveries())
				.filteredOn((delivery) -> delivery.conversationSid().equals(closed))
				.extracting(StateWebhookDelivery::stateTo, StateWebhookDelivery::status)
				.contains(Tuple.tuple("closed", 204)));
		assertThat(this.emulator.conversation(closed))
			.hasValueSatisfying((conversation) -> assertThat(conversation.state()).isEqualTo("closed"));
		assertThat(openConversation(from, to)).isEmpty();
		int before = this.emulator.requests().size();

		JsonNode next = publishAndAwait(reminder("close-next", from, to, "Second reminder."));

		assertThat(next.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(next.path("mode").asString()).isEqualTo("notify");
		assertThat(next.path("conversationSid").asString()).isNotEqualTo(closed);
		assertThat(this.emulator.conversationMessages(closed)).extracting(ConversationMessage::body)
			.containsExactly("First reminder.");
		assertThat(this.emulator.conversationMessages(next.path("conversationSid").asString()))
			.extracting(ConversationMessage::body)
			.containsExactly("Second reminder.");
		// the store knew: the closed conversation was not even looked at
		assertThat(this.emulator.requests().subList(before, this.emulator.requests().size()))
			.noneMatch((request) -> request.path().startsWith("/conversations/v1/Conversations/" + closed));
		assertThat(openConversation(from, to)).contains(next.path("conversationSid").asString());
	}

	private JsonNode publishAndAwait(Map<String, Object> body) {
		this.taps.publish(RequestBodies.json(body), null);
		return this.taps.awaitResult((String) body.get("requestId"));
	}

	private Optional<String> openConversation(String from, String to) {
		return this.jdbc
			.sql("SELECT conversation_sid FROM outreach WHERE from_number = ? AND to_number = ? AND state = 'OPEN'")
			.params(from, to)
			.query(String.class)
			.optional();
	}

	private static Map<String, Object> reminder(String kind, String from, String to, String message) {
		Map<String, Object> body = RequestBodies.minimal(kind + "-" + to.substring(1), from, to);
		body.put("mode", "notify");
		body.put("initialNotificationMessage", message);
		return body;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
