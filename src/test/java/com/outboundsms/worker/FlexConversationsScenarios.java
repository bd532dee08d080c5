package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.Interaction;
import com.outboundsms.worker.emulator.InteractionSetup;
import com.outboundsms.worker.emulator.InteractionTask;
import com.outboundsms.worker.emulator.RecordedRequest;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract's scenarios on the flex-conversations backend, and what only it does: the
 * Interaction's channel and routing as Twilio receives them, what is this outreach's own
 * after a failed or lost create, and no task left behind by a failure. Each subclass runs
 * them with the emulator answering creates one way.
 */
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=" + FlexConversationsScenarios.WORKSPACE,
		"twilio.workflow-sid=" + FlexConversationsScenarios.WORKFLOW,
		"twilio.queue-sid=" + FlexConversationsScenarios.QUEUE })
abstract class FlexConversationsScenarios extends OutreachScenarios {

	static final String WORKSPACE = "WS0123456789abcdef0123456789abcdef";

	static final String WORKFLOW = "WW0123456789abcdef0123456789abcdef";

	static final String QUEUE = "WQ0123456789abcdef0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TwilioEmulator twilioEmulator;

	@Autowired
	HealthEndpoint health;

	@Override
	protected FlexConversationsBackendUnderTest backend() {
		return new FlexConversationsBackendUnderTest(this.twilioEmulator);
	}

	@Test
	void asksForAnAgentInitiatedSmsInteractionRoutedToTheConfiguredWorkflowAndQueue() {
		Pair pair = newPair();
		String requestId = id("shape");
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("taskAttributes", Map.of("customerName", "Mallory", "ticketId", "4711"));

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult(requestId);
		String channel = this.twilioEmulator.interaction(result.path("interactionSid").asString())
			.orElseThrow()
			.channelJson();
		assertThat(JSON.readTree(channel)).isEqualTo(JSON.readTree("""
				{"type":"sms","initiated_by":"agent","participants":[{"address":"%s","proxy_address":"%s"}]}"""
			.formatted(pair.to(), pair.from())));
		assertThat(backend().routingOf(result)).containsEntry("workspace_sid", WORKSPACE)
			.containsEntry("workflow_sid", WORKFLOW)
			.containsEntry("queue_sid", QUEUE)
			.containsEntry("task_channel_unique_name", "sms")
			.doesNotContainKey("worker_sid");
		assertThat(backend().taskAttributesOf(result)).containsEntry("customerName", "Jane Doe")
			.containsEntry("customerAddress", pair.to())
			.containsEntry("twilioNumber", pair.from())
			.containsEntry("channelType", "sms")
			.containsEntry("ticketId", "4711")
			.containsKey("outboundSmsOutreachId");
		assertThat(result.has("chatChannelSid")).isFalse();
		assertThat(result.has("proxySessionSid")).isFalse();
	}

	@Test
	void namesTheBackendInTheHealthDetails() {
		HealthDescriptor twilio = this.health.healthForPath("twilio");

		assertThat(twilio).isInstanceOfSatisfying(IndicatedHealthDescriptor.class,
				(indicated) -> assertThat(indicated.getDetails()).containsEntry("backend", "flex-conversations"));
	}

	@Test
	void reusesTheCustomersConversationWithoutCreatingAnythingWhereACreateWouldHaveFailed() {
		Pair pair = newPair();
		Interaction foreign = this.twilioEmulator.createInboundInteraction(pair.to(), pair.from());
		this.twilioEmulator.faults().failNext("POST", backend().createPath(), 429, 20429, "Too many requests");
		String requestId = id("foreign-before");

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("conversationSid").asString()).isEqualTo(foreign.conversationSid());
		assertThat(result.path("interactionSid").asString()).isEqualTo(foreign.sid());
		assertThat(result.has("messageSid")).isFalse();
		assertThat(backend().createsFor(pair.to())).isZero();
		assertThat(backend().messagesOf(result)).isEmpty();
	}

	@Test
	void reusesAConversationThatAppearedWhileTheCreateFailedAndPostsNothingIntoIt() {
		Pair pair = newPair();
		String requestId = id("foreign-after-503");
		// the create waits long enough for the customer to text in meanwhile, then fails
		// without having made anything
		this.twilioEmulator.faults()
			.latency("POST", backend().createPath(), Duration.ofSeconds(1))
			.failNext("POST", backend().createPath(), 503, 20503, "Service unavailable");

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);
		await().atMost(CapturedMessages.PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> lookedUp(pair.to()));
		Interaction foreign = this.twilioEmulator.createInboundInteraction(pair.to(), pair.from());

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		assertThat(result.path("conversationSid").asString()).isEqualTo(foreign.conversationSid());
		assertThat(result.path("interactionSid").asString()).isEqualTo(foreign.sid());
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
		assertThat(backend().messagesOf(result)).isEmpty();
		assertThat(this.twilioEmulator.interactions())
			.noneMatch((made) -> made.channelJson().contains(pair.to()) && !made.sid().equals(foreign.sid()));
	}

	@Test
	void createsOnceAndPostsOnceWhenTheCreatesAnswerWasLost() {
		Pair pair = newPair();
		String requestId = id("lost-answer");
		this.twilioEmulator.faults().loseAnswerNext("POST", backend().createPath(), 1);

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		assertThat(backend().messagesOf(result)).containsExactly("Hello from the clinic");
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
		// a second interaction, made while the first was not set up yet, left no task
		assertThat(tasksOf(pair.to())).filteredOn((task) -> !task.sid().equals(result.path("taskSid").asString()))
			.allSatisfy((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(this.twilioEmulator.interactionTask(result.path("taskSid").asString()))
			.hasValueSatisfying((task) -> assertThat(task.status()).isEqualTo("pending"));
	}

	@Test
	void closesTheInteractionWhenTwilioRefusesACallAfterIt() {
		Pair pair = newPair();
		String requestId = id("refused-after-create");
		// set up later, as Twilio documents it: the customer is not in the conversation
		// yet, so the worker looks at the interaction's channel, which Twilio refuses
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ofHours(1)));
		this.twilioEmulator.faults()
			.failNext("GET", "/flex-api/v1/Interactions/[^/]+/Channels/[^/]+", 400, 20001, "Invalid parameter");
		try {
			this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);

			assertThat(this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders())
				.containsEntry("x-error-code", "TWILIO_REJECTED")
				.containsEntry("x-twilio-code", 20001);
		}
		finally {
			this.twilioEmulator.setUpInteractions(InteractionSetup.immediate());
		}
		assertThat(backend().interactionsOf(pair.to())).singleElement()
			.satisfies((made) -> assertThat(made.channelStatus()).isEqualTo("closed"));
		assertThat(tasksOf(pair.to())).singleElement()
			.satisfies((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(backend().activeOutreachesOf(pair.to())).isZero();
	}

	@Test
	void looksAtTheCustomerOnceAfterTheCreateWhenTwilioSetItUpAtOnce() {
		Pair pair = newPair();
		String requestId = id("one-look");
		this.twilioEmulator.setUpInteractions(InteractionSetup.immediate());

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		String interaction = result.path("interactionSid").asString();
		// the customer seen in the interaction's own conversation: its channel is not
		// looked at
		assertThat(this.twilioEmulator.count("GET", "/flex-api/v1/Interactions/" + interaction + "/Channels/[^/]+"))
			.isZero();
		// one look before the create, one after it
		assertThat(this.twilioEmulator.requests("GET", "/conversations/v1/ParticipantConversations")
			.stream()
			.filter((request) -> pair.to().equals(request.query().first("Address")))).hasSize(2);
	}

	Map<String, Object> withMessage(String requestId, Pair pair) {
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("initialNotificationMessage", "Hello from the clinic");
		return body;
	}

	List<InteractionTask> tasksOf(String to) {
		List<String> made = backend().interactionsOf(to).stream().map(Interaction::taskSid).toList();
		return this.twilioEmulator.interactionTasks().stream().filter((task) -> made.contains(task.sid())).toList();
	}

	private boolean lookedUp(String to) {
		return this.twilioEmulator.requests("GET", "/conversations/v1/ParticipantConversations")
			.stream()
			.map(RecordedRequest::query)
			.anyMatch((query) -> to.equals(query.first("Address")));
	}

}
