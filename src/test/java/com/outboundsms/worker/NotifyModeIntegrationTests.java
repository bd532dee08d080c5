package com.outboundsms.worker;

import java.util.Map;

import com.outboundsms.worker.emulator.ConversationMessage;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notify mode on flex-conversations against the emulator over real HTTP: a reminder is a
 * conversation with the customer's binding, a Studio webhook and the message, and no
 * task; the pair rules between modes; a redelivered reminder posts nothing twice.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=" + FlexConversationsScenarios.WORKSPACE,
		"twilio.workflow-sid=" + FlexConversationsScenarios.WORKFLOW,
		"twilio.queue-sid=" + FlexConversationsScenarios.QUEUE,
		"twilio.studio-flow-sid=" + NotifyModeIntegrationTests.FLOW })
class NotifyModeIntegrationTests {

	static final String FLOW = "FW0123456789abcdef0123456789abcdef";

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
		this.emulator.clearOptOuts();
	}

	@Test
	void sendsAReminderInAConversationWithAStudioWebhookAndMakesNoTask() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();

		JsonNode result = publishAndAwait(reminder("notify-new", from, to, "Your appointment is tomorrow at 10."));

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("mode").asString()).isEqualTo("notify");
		assertThat(result.has("taskSid")).isFalse();
		assertThat(result.has("interactionSid")).isFalse();
		String conversation = result.path("conversationSid").asString();
		assertThat(this.emulator.conversation(conversation)).hasValueSatisfying((made) -> {
			assertThat(made.state()).isEqualTo("active");
			assertThat(made.attributes()).contains("\"mode\":\"notify\"");
		});
		assertThat(this.emulator.conversationWebhooks(conversation)).singleElement().satisfies((webhook) -> {
			assertThat(webhook.target()).isEqualTo("studio");
			assertThat(webhook.flowSid()).isEqualTo(FLOW);
		});
		assertThat(this.emulator.conversationMessages(conversation)).extracting(ConversationMessage::body)
			.containsExactly("Your appointment is tomorrow at 10.");
		assertThat(result.path("messageSid").asString())
			.isEqualTo(this.emulator.conversationMessages(conversation).get(0).sid());
		assertThat(this.emulator.requests("POST", "/flex-api/v1/Interactions")).isEmpty();
		assertThat(this.emulator.openConversationCount(to, from)).isEqualTo(1);
	}

	@Test
	void postsEachFurtherReminderIntoTheOpenReminderOnceAndAnswersItsRedeliveryTheSame() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		JsonNode first = publishAndAwait(reminder("notify-first", from, to, "First reminder."));
		Map<String, Object> second = reminder("notify-second", from, to, "Second reminder.");

		JsonNode reused = publishAndAwait(second);
		this.taps.forget((String) second.get("requestId"));
		JsonNode again = publishAndAwait(second);

		assertThat(reused.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(reused.path("conversationSid").asString()).isEqualTo(first.path("conversationSid").asString());
		assertThat(reused.path("messageSid").asString()).isNotEqualTo(first.path("messageSid").asString());
		assertThat(again.path("messageSid").asString()).isEqualTo(reused.path("messageSid").asString());
		assertThat(this.emulator.conversationMessages(first.path("conversationSid").asString()))
			.extracting(ConversationMessage::body)
			.containsExactly("First reminder.", "Second reminder.");
	}

	@Test
	void makesTheAgentsTaskOnTheRemindersConversationWhenTheCrmEscalates() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		JsonNode reminder = publishAndAwait(reminder("notify-escalated", from, to, "Your test results are ready."));

		JsonNode task = publishAndAwait(RequestBodies.minimal("task-escalation-" + to.substring(1), from, to));

		assertThat(task.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(task.has("mode")).isFalse();
		assertThat(task.path("conversationSid").asString()).isEqualTo(reminder.path("conversationSid").asString());
		assertThat(task.path("taskSid").asString()).startsWith("WT");
		assertThat(task.path("interactionSid").asString()).startsWith("KD");
		String channel = this.emulator.interaction(task.path("interactionSid").asString()).orElseThrow().channelJson();
		assertThat(channel).contains("\"media_channel_sid\":\"" + reminder.path("conversationSid").asString() + "\"");
		assertThat(this.emulator.openConversationCount(to, from)).isEqualTo(1);
	}

	@Test
	void postsNothingForAReminderWhereAnAgentIsTalkingToTheCustomerAndSaysWhy() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		JsonNode task = publishAndAwait(RequestBodies.minimal("task-first-" + to.substring(1), from, to));

		JsonNode reminder = publishAndAwait(reminder("notify-after-task", from, to, "Reminder."));

		assertThat(reminder.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(reminder.path("conversationSid").asString()).isEqualTo(task.path("conversationSid").asString());
		assertThat(reminder.path("messageError").path("code").asString()).isEqualTo("CUSTOMER_WITH_AGENT");
		assertThat(reminder.has("messageSid")).isFalse();
		assertThat(this.emulator.conversationMessages(task.path("conversationSid").asString())).isEmpty();
	}

	@Test
	void leavesACustomerAlreadyInAConversationOnTheNumberThere() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		String theirs = this.emulator.createConversationFor(to, from).sid();

		JsonNode result = publishAndAwait(reminder("notify-elsewhere", from, to, "Reminder."));

		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("conversationSid").asString()).isEqualTo(theirs);
		// found by the look-up: no binding of this customer was even tried elsewhere
		assertThat(this.emulator.requests("POST", "/conversations/v1/Conversations/[^/]+/Participants"))
			.noneMatch((request) -> to.equals(request.form().first("MessagingBinding.Address")));
		assertThat(this.emulator.conversationMessages(theirs)).isEmpty();
		assertThat(this.emulator.openConversationCount(to, from)).isEqualTo(1);
	}

	@Test // #15
	void failsAReminderIntoTheOpenReminderWhenTheCustomerOptedOutAndAnswersEveryCopyTheSame() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		JsonNode first = publishAndAwait(reminder("notify-before-stop", from, to, "First reminder."));
		this.emulator.optOut(from, to);
		Map<String, Object> second = reminder("notify-after-stop", from, to, "Second reminder.");
		String requestId = (String) second.get("requestId");

		JsonNode refused = publishAndAwait(second);
		// the customer opts in again: a copy of the refused reminder still gets its
		// answer
		this.emulator.clearOptOuts();
		this.taps.publish(RequestBodies.json(second), null);
		JsonNode copy = this.taps.awaitResults(requestId, 2).get(1);

		String conversation = first.path("conversationSid").asString();
		assertThat(refused.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(refused.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(refused.path("error").path("twilioCode").asInt()).isEqualTo(21610);
		assertThat(refused.path("conversationSid").asString()).isEqualTo(conversation);
		assertThat(refused.has("messageSid")).isFalse();
		assertThat(copy.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(copy.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(this.emulator.requests("POST", "/conversations/v1/Conversations/" + conversation + "/Messages"))
			.hasSize(2);
		assertThat(this.emulator.conversationMessages(conversation)).extracting(ConversationMessage::body)
			.containsExactly("First reminder.");
		assertThat(this.taps.deadLetters(requestId))
			.allSatisfy((deadLetter) -> assertThat(deadLetter.getMessageProperties().getHeaders())
				.containsEntry("x-error-code", "RECIPIENT_OPTED_OUT"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/conversations/v1/Conversations", "/conversations/v1/Conversations/CH[^/]+/Participants",
			"/conversations/v1/Conversations/CH[^/]+/Webhooks", "/conversations/v1/Conversations/CH[^/]+/Messages" })
	void makesEachPartOnceWhenTwilioMadeItButItsAnswerWasLost(String create) {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		// Twilio makes it, and the answer never comes back: the retry must find it
		this.emulator.faults().loseAnswerNext("POST", create, 1);

		JsonNode result = publishAndAwait(reminder("notify-lost", from, to, "Lost answers."));

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isGreaterThan(1);
		String conversation = result.path("conversationSid").asString();
		assertThat(this.emulator.openConversationCount(to, from)).isEqualTo(1);
		String uniqueName = this.emulator.conversation(conversation).orElseThrow().uniqueName();
		assertThat(this.emulator.requests("POST", "/conversations/v1/Conversations"))
			.filteredOn((request) -> uniqueName.equals(request.form().first("UniqueName")))
			.hasSize(1);
		assertThat(this.emulator.requests("POST", "/conversations/v1/Conversations/" + conversation + "/Participants"))
			.hasSize(1);
		assertThat(this.emulator.conversationWebhooks(conversation)).hasSize(1);
		assertThat(this.emulator.conversationMessages(conversation)).extracting(ConversationMessage::body)
			.containsExactly("Lost answers.");
	}

	private JsonNode publishAndAwait(Map<String, Object> body) {
		this.taps.publish(RequestBodies.json(body), null);
		return this.taps.awaitResult((String) body.get("requestId"));
	}

	private static Map<String, Object> reminder(String kind, String from, String to, String message) {
		Map<String, Object> body = RequestBodies.minimal(kind + "-" + to.substring(1), from, to);
		body.put("mode", "notify");
		body.put("initialNotificationMessage", message);
		return body;
	}

}
