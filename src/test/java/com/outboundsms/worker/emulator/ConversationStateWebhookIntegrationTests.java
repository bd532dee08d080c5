package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.outboundsms.worker.processing.MutableClock;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives conversation state timers by the emulator's clock (moved through the control
 * API, or read lazily on the next request) and checks the signed
 * {@code onConversationStateUpdated} webhooks a receiver gets for each change.
 */
class ConversationStateWebhookIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String SIGNING_TOKEN = "receiver-auth-token";

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final MutableClock clock = MutableClock.at("2026-12-01T09:00:00Z");

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	private Receiver receiver;

	@BeforeEach
	void start() throws IOException {
		this.emulator = TwilioEmulator.start(EmulatorSettings.defaults().withClock(this.clock));
		this.client = EmulatorClients.twilio(this.emulator);
		this.receiver = Receiver.start();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
		this.receiver.stop();
	}

	@Test
	void timersMakeTheConversationInactiveThenClosedPostingEachChangeSigned() {
		String url = this.receiver.url("/conversation-state?tenant=a");
		control("POST", "/_emulator/webhooks/conversation-state",
				"{\"url\":\"" + url + "\",\"authToken\":\"" + SIGNING_TOKEN + "\"}", 204);
		Conversation created = timedConversation();

		JsonNode clock = control("POST", "/_emulator/clock/advance", "{\"seconds\":60}", 200);
		await().atMost(PATIENCE).until(() -> this.receiver.received().size() == 1);
		Conversation inactive = Conversation.fetcher(created.getSid()).fetch(this.client);
		control("POST", "/_emulator/clock/advance", "{\"seconds\":540}", 200);
		await().atMost(PATIENCE).until(() -> this.receiver.received().size() == 2);

		Received first = this.receiver.received().get(0);
		assertThat(clock.get("advanced_seconds").asInt()).isEqualTo(60);
		assertThat(clock.get("now").asString()).isEqualTo("2026-12-01T09:01:00Z");
		assertThat(first.parameters()).containsEntry("EventType", "onConversationStateUpdated")
			.containsEntry("ConversationSid", created.getSid())
			.containsEntry("StateFrom", "active")
			.containsEntry("StateTo", "inactive")
			.containsEntry("Reason", "TIMER")
			.containsEntry("AccountSid", this.emulator.accountSid())
			.containsEntry("ChatServiceSid", this.emulator.defaultChatServiceSid())
			.containsEntry("DateCreated", "2026-12-01T09:00:00Z")
			.containsEntry("DateUpdated", "2026-12-01T09:01:00Z")
			.containsEntry("Source", "API");
		assertThat(new RequestValidator(SIGNING_TOKEN).validate(url, first.parameters(), first.signature())).isTrue();
		assertThat(new RequestValidator("another-token").validate(url, first.parameters(), first.signature()))
			.isFalse();
		assertThat(first.path()).isEqualTo("/conversation-state?tenant=a");
		assertThat(inactive.getState()).isEqualTo(Conversation.State.INACTIVE);
		assertThat(EmulatorClients.fields(inactive.getTimers())).containsOnlyKeys("date_closed");
		Received second = this.receiver.received().get(1);
		assertThat(second.parameters()).containsEntry("StateFrom", "inactive")
			.containsEntry("StateTo", "closed")
			.containsEntry("DateUpdated", "2026-12-01T09:10:00Z");
		assertThat(new RequestValidator(SIGNING_TOKEN).validate(url, second.parameters(), second.signature())).isTrue();
		assertThat(this.emulator.openConversationCount(CUSTOMER, TWILIO_NUMBER)).isZero();
		await().atMost(PATIENCE).until(() -> this.emulator.stateWebhookDeliveries().size() == 2);
		assertThat(this.emulator.stateWebhookDeliveries()).allSatisfy((delivery) -> {
			assertThat(delivery.succeeded()).isTrue();
			assertThat(delivery.attempts()).isEqualTo(1);
		});
	}

	@Test
	void dueTimersApplyOnTheNextRequestAtTheTimeTheyWereDue() {
		this.emulator.postConversationStateChangesTo(this.receiver.url("/state"));
		Conversation created = timedConversation();
		this.clock.advance(Duration.ofHours(1));

		Conversation fetched = Conversation.fetcher(created.getSid()).fetch(this.client);
		await().atMost(PATIENCE).until(() -> this.receiver.received().size() == 2);

		assertThat(fetched.getState()).isEqualTo(Conversation.State.CLOSED);
		assertThat(EmulatorClients.fields(fetched.getTimers())).containsEntry("date_closed", "2026-12-01T09:10:00Z");
		assertThat(this.receiver.received())
			.extracting((received) -> received.parameters().get("StateTo"),
					(received) -> received.parameters().get("DateUpdated"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("inactive", "2026-12-01T09:01:00Z"),
					org.assertj.core.groups.Tuple.tuple("closed", "2026-12-01T09:10:00Z"));
		assertThat(new RequestValidator(this.emulator.authToken()).validate(this.receiver.url("/state"),
				this.receiver.received().get(0).parameters(), this.receiver.received().get(0).signature()))
			.isTrue();
	}

	@Test
	void aMessageWakesTheConversationAndStartsItsTimersAgain() {
		this.emulator.postConversationStateChangesTo(this.receiver.url("/state"));
		Conversation created = timedConversation();
		this.emulator.advanceClock(Duration.ofMinutes(5));

		Message.creator(created.getSid()).setBody("Are you there?").create(this.client);
		this.emulator.advanceClock(Duration.ofMinutes(9));
		String afterNineMinutes = this.emulator.conversation(created.getSid()).orElseThrow().state();
		this.emulator.advanceClock(Duration.ofMinutes(1));
		await().atMost(PATIENCE).until(() -> this.receiver.received().size() == 4);

		assertThat(afterNineMinutes).isEqualTo("inactive");
		assertThat(this.emulator.conversation(created.getSid()).orElseThrow().state()).isEqualTo("closed");
		assertThat(this.receiver.received()).extracting((received) -> received.parameters().get("StateFrom"),
				(received) -> received.parameters().get("StateTo"), (received) -> received.parameters().get("Reason"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("active", "inactive", "TIMER"),
					org.assertj.core.groups.Tuple.tuple("inactive", "active", "EVENT"),
					org.assertj.core.groups.Tuple.tuple("active", "inactive", "TIMER"),
					org.assertj.core.groups.Tuple.tuple("inactive", "closed", "TIMER"));
	}

	@Test
	void apiUpdatesAndControlClosesArePostedWithReasonApi() {
		this.emulator.postConversationStateChangesTo(this.receiver.url("/state"));
		String sid = this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER).sid();

		Conversation.updater(sid).setState(Conversation.State.INACTIVE).update(this.client);
		control("POST", "/_emulator/conversations/" + sid + "/close", "", 200);
		await().atMost(PATIENCE).until(() -> this.receiver.received().size() == 2);

		assertThat(this.receiver.received())
			.extracting((received) -> received.parameters().get("StateTo"),
					(received) -> received.parameters().get("Reason"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("inactive", "API"),
					org.assertj.core.groups.Tuple.tuple("closed", "API"));
	}

	@Test
	void aFailingReceiverIsTriedThreeTimesAtMost() {
		this.receiver.answer(500, 500, 500, 503, 200);
		this.emulator.postConversationStateChangesTo(this.receiver.url("/state"));
		String first = this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER).sid();
		String second = this.emulator.createConversationFor("+15551231111", TWILIO_NUMBER).sid();

		this.emulator.closeConversation(first);
		await().atMost(PATIENCE).until(() -> this.emulator.stateWebhookDeliveries().size() == 1);
		this.emulator.closeConversation(second);
		await().atMost(PATIENCE).until(() -> this.emulator.stateWebhookDeliveries().size() == 2);
		JsonNode listed = control("GET", "/_emulator/webhooks/conversation-state", null, 200);

		assertThat(this.receiver.received()).hasSize(5);
		assertThat(this.emulator.stateWebhookDeliveries())
			.extracting(StateWebhookDelivery::conversationSid, StateWebhookDelivery::status,
					StateWebhookDelivery::attempts)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(first, 500, 3),
					org.assertj.core.groups.Tuple.tuple(second, 200, 2));
		assertThat(listed.get("url").asString()).isEqualTo(this.receiver.url("/state"));
		assertThat(listed.get("deliveries").get(0).get("attempts").asInt()).isEqualTo(3);
	}

	@Test
	void noWebhookIsPostedOnceTheTargetIsRemovedAndTheClockNeverGoesBack() {
		this.emulator.postConversationStateChangesTo(this.receiver.url("/state"));
		control("DELETE", "/_emulator/webhooks/conversation-state", null, 204);
		String sid = this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER).sid();

		this.emulator.closeConversation(sid);
		control("POST", "/_emulator/clock/advance", "{\"seconds\":-1}", 400);
		control("POST", "/_emulator/webhooks/conversation-state", "{\"url\":\"ftp://example.com\"}", 400);

		assertThat(control("GET", "/_emulator/webhooks/conversation-state", null, 200).get("url").isNull()).isTrue();
		assertThat(control("GET", "/_emulator/clock", null, 200).get("advanced_seconds").asInt()).isZero();
		assertThat(this.emulator.stateWebhookDeliveries()).isEmpty();
		assertThat(this.receiver.received()).isEmpty();
	}

	private Conversation timedConversation() {
		Conversation created = Conversation.creator()
			.setState(Conversation.State.ACTIVE)
			.setTimersInactive("PT1M")
			.setTimersClosed("PT10M")
			.create(this.client);
		Participant.creator(created.getSid())
			.setMessagingBindingAddress(CUSTOMER)
			.setMessagingBindingProxyAddress(TWILIO_NUMBER)
			.create(this.client);
		return created;
	}

	private JsonNode control(String method, String path, String body, int expectedStatus) {
		EmulatorClients.RawResponse response = EmulatorClients.control(this.emulator, method, path, body);
		assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(expectedStatus);
		return response.body();
	}

	/**
	 * A webhook as the receiver got it.
	 *
	 * @param path the path and query it was posted to
	 * @param parameters its form parameters
	 * @param signature its {@code X-Twilio-Signature}
	 */
	private record Received(String path, Map<String, String> parameters, String signature) {

	}

	/** An HTTP server that records webhooks and answers them with scripted statuses. */
	private static final class Receiver {

		private final HttpServer server;

		private final List<Received> received = new CopyOnWriteArrayList<>();

		private final Deque<Integer> statuses = new ArrayDeque<>();

		private Receiver(HttpServer server) {
			this.server = server;
		}

		static Receiver start() throws IOException {
			Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			receiver.server.createContext("/", receiver::handle);
			receiver.server.start();
			return receiver;
		}

		String url(String pathAndQuery) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery;
		}

		synchronized void answer(Integer... scripted) {
			this.statuses.addAll(List.of(scripted));
		}

		List<Received> received() {
			return List.copyOf(this.received);
		}

		void stop() {
			this.server.stop(0);
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> parameters = new TreeMap<>();
				Params.parse(body).values().forEach((name, values) -> parameters.put(name, values.get(0)));
				this.received.add(new Received(exchange.getRequestURI().toString(), parameters,
						exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
				exchange.sendResponseHeaders(nextStatus(), -1);
			}
		}

		private synchronized int nextStatus() {
			return this.statuses.isEmpty() ? 200 : this.statuses.poll();
		}

	}

}
