package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.ChatMessage;
import com.outboundsms.worker.emulator.DeliveredSms;
import com.outboundsms.worker.emulator.FlexChannel;
import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.FlexTask;
import com.outboundsms.worker.emulator.InboundConversation;
import com.outboundsms.worker.emulator.NewFlexFlow;
import com.outboundsms.worker.emulator.RecordedRequest;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Notify mode on flex-legacy against the emulator over real HTTP: a reminder is a chat
 * channel on the number's Studio Flex Flow (no task), its Proxy session and the message;
 * each create is made once though its answer is lost; the pair rules between modes, the
 * agent's task on the reminder's channel when the CRM escalates, a customer already in a
 * conversation on the number, a number without a Studio flow, and an opted-out customer.
 */
@WorkerIntegrationTest
class FlexLegacyNotifyModeIntegrationTests {

	private static final String STUDIO_FLOW = "FW0123456789abcdef0123456789abcdef";

	private static final String REMINDER = "Your appointment is tomorrow at 10.";

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	TwilioRestClient twilio;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test // #15
	void sendsAReminderOnTheNumbersStudioFlowAndMakesNoTask() {
		Pair pair = new Pair();

		JsonNode result = pair.publishAndAwait(pair.reminder("new", REMINDER));

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("mode").asString()).isEqualTo("notify");
		assertThat(result.path("backend").asString()).isEqualTo("flex-legacy");
		assertThat(result.path("flexFlowSid").asString()).isEqualTo(pair.studio.sid());
		assertThat(result.has("taskSid")).isFalse();
		String channel = result.path("chatChannelSid").asString();
		assertThat(pair.channelCreates()).singleElement().satisfies((create) -> {
			assertThat(create.form().first("FlexFlowSid")).isEqualTo(pair.studio.sid());
			assertThat(create.form().first("TaskAttributes")).isNull();
		});
		assertThat(this.emulator.flexChannels()).filteredOn((made) -> made.sid().equals(channel))
			.singleElement()
			.satisfies((made) -> assertThat(made.taskSid()).isNull());
		assertThat(pair.tasksOn(channel)).isEmpty();
		assertThat(this.emulator.requests("POST", "/taskrouter/.*"))
			.noneMatch((create) -> String.valueOf(create.form().first("Attributes")).contains(channel));
		assertThat(this.emulator.session(result.path("proxySessionSid").asString())).hasValueSatisfying((session) -> {
			assertThat(session.isActive()).isTrue();
			assertThat(session.uniqueName()).isEqualTo(channel);
			// an unanswered reminder frees the customer by itself, after the closed timer
			assertThat(session.ttl()).isEqualTo((int) Duration.ofDays(3).toSeconds());
		});
		assertThat(this.emulator.messages(channel)).extracting(ChatMessage::sid, ChatMessage::body)
			.containsExactly(tuple(result.path("chatMessageSid").asString(), REMINDER));
		assertThat(pair.smsTexted()).containsExactly(REMINDER);
	}

	@Test // #15
	void answersARedeliveredReminderWithTheSameOutcomeAndMakesNothingTwice() {
		Pair pair = new Pair();
		Map<String, Object> reminder = pair.reminder("twice", REMINDER);

		JsonNode first = pair.publishAndAwait(reminder);
		pair.publish(reminder);
		JsonNode again = this.taps.awaitResults((String) reminder.get("requestId"), 2).get(1);

		assertThat(again).isEqualTo(first);
		assertThat(pair.channelCreates()).hasSize(1);
		assertThat(pair.activeSessions()).isEqualTo(1);
		assertThat(pair.smsTexted()).containsExactly(REMINDER);
	}

	@ParameterizedTest // #15
	@ValueSource(strings = { "/flex-api/v1/Channels", "/proxy/v1/Services/[^/]+/Sessions",
			"/chat/v2/Services/[^/]+/Channels/[^/]+/Messages" })
	void makesEachPartOnceWhenTwilioMadeItButItsAnswerWasLost(String create) {
		Pair pair = new Pair();
		// Twilio makes it, and the answer never comes back: the retry must find it
		this.emulator.faults().loseAnswerNext("POST", create, 1);

		JsonNode result = pair.publishAndAwait(pair.reminder("lost", REMINDER));

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isGreaterThan(1);
		assertThat(this.emulator.flexChannels()).filteredOn((channel) -> pair.to.equals(channel.target()))
			.extracting(FlexChannel::sid)
			.containsExactly(result.path("chatChannelSid").asString());
		assertThat(pair.activeSessions()).isEqualTo(1);
		assertThat(this.emulator.messages(result.path("chatChannelSid").asString())).extracting(ChatMessage::body)
			.containsExactly(REMINDER);
		assertThat(pair.tasksOn(result.path("chatChannelSid").asString())).isEmpty();
	}

	@Test // #15
	void postsEachFurtherReminderIntoTheOpenReminderOncePerRequest() {
		Pair pair = new Pair();
		JsonNode first = pair.publishAndAwait(pair.reminder("first", REMINDER));
		Map<String, Object> second = pair.reminder("second", "Second reminder.");
		// the second one's post is made but not answered: its retry must find it
		this.emulator.faults().loseAnswerNext("POST", "/chat/v2/Services/[^/]+/Channels/[^/]+/Messages", 1);

		JsonNode reused = pair.publishAndAwait(second);
		this.taps.forget((String) second.get("requestId"));
		JsonNode again = pair.publishAndAwait(second);

		assertThat(reused.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(reused.path("mode").asString()).isEqualTo("notify");
		assertThat(reused.path("chatChannelSid").asString()).isEqualTo(first.path("chatChannelSid").asString());
		assertThat(reused.path("chatMessageSid").asString()).isNotEqualTo(first.path("chatMessageSid").asString());
		assertThat(reused.has("messageError")).isFalse();
		assertThat(reused.has("messageSid")).isFalse();
		assertThat(again.path("chatMessageSid").asString()).isEqualTo(reused.path("chatMessageSid").asString());
		assertThat(this.emulator.messages(first.path("chatChannelSid").asString())).extracting(ChatMessage::body)
			.containsExactly(REMINDER, "Second reminder.");
		assertThat(pair.channelCreates()).hasSize(1);
	}

	@Test // #15
	void makesTheAgentsTaskOnTheRemindersChannelOnceWhenTheCrmEscalates() {
		Pair pair = new Pair();
		JsonNode reminder = pair.publishAndAwait(pair.reminder("escalated", REMINDER));
		Map<String, Object> escalation = pair.task("escalation");
		escalation.put("initialNotificationMessage", "An agent will call you.");
		// TaskRouter makes the task and the answer is lost: the retry must find it
		this.emulator.faults().loseAnswerNext("POST", "/taskrouter/v1/Workspaces/[^/]+/Tasks", 1);

		JsonNode task = pair.publishAndAwait(escalation);

		assertThat(task.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(task.has("mode")).isFalse();
		assertThat(task.path("attempts").asInt()).isGreaterThan(1);
		for (String field : List.of("flexFlowSid", "chatChannelSid", "proxySessionSid")) {
			assertThat(task.path(field)).as(field).isEqualTo(reminder.path(field));
		}
		String channel = reminder.path("chatChannelSid").asString();
		assertThat(pair.tasksOn(channel)).singleElement().satisfies((made) -> {
			assertThat(made.sid()).isEqualTo(task.path("taskSid").asString());
			assertThat(made.isOpen()).isTrue();
			assertThat(made.route().taskChannel()).isEqualTo("sms");
			assertThat(made.attributes().path("channelType").asString()).isEqualTo("sms");
			assertThat(made.attributes().path("to").asString()).isEqualTo(pair.to);
			assertThat(made.attributes().path("name").asString()).isEqualTo("Jane Doe");
		});
		assertThat(this.emulator.requests("GET", "/taskrouter/v1/Workspaces/[^/]+/Tasks"))
			.allSatisfy((look) -> assertThat(look.query().first("EvaluateTaskAttributes"))
				.startsWith("outboundSmsOutreachId == "))
			.isNotEmpty();
		// the agent's conversation shows the reminder, then the CRM's message
		assertThat(this.emulator.messages(channel)).extracting(ChatMessage::body)
			.containsExactly(REMINDER, "An agent will call you.");
		assertThat(task.path("chatMessageSid").asString()).isNotEqualTo(reminder.path("chatMessageSid").asString());
		assertThat(pair.channelCreates()).hasSize(1);
		assertThat(pair.activeSessions()).isEqualTo(1);
	}

	@Test // #15
	void keepsTheReminderWhenTaskRouterRefusesItsEscalationForGoodAndEscalatesItLater() {
		Pair pair = new Pair();
		JsonNode reminder = pair.publishAndAwait(pair.reminder("refused-escalation", REMINDER));
		this.emulator.faults()
			.failNext("POST", "/taskrouter/v1/Workspaces/[^/]+/Tasks", 400, 20001, "Invalid parameter WorkflowSid", 1);

		JsonNode refused = pair.publishAndAwait(pair.task("refused"));
		JsonNode later = pair.publishAndAwait(pair.task("later"));

		assertThat(refused.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(refused.path("error").path("code").asString()).isEqualTo("TWILIO_REJECTED");
		// the reminder stayed the pair's: the next escalation makes the task on its
		// channel
		assertThat(later.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(later.path("chatChannelSid").asString()).isEqualTo(reminder.path("chatChannelSid").asString());
		assertThat(pair.tasksOn(reminder.path("chatChannelSid").asString())).singleElement()
			.satisfies((made) -> assertThat(made.sid()).isEqualTo(later.path("taskSid").asString()));
		assertThat(pair.channelCreates()).hasSize(1);
		assertThat(pair.activeSessions()).isEqualTo(1);
	}

	@Test // #15
	void treatsAnEscalatedReminderAsTheAgentsConversation() {
		Pair pair = new Pair();
		JsonNode reminder = pair.publishAndAwait(pair.reminder("before-agent", REMINDER));
		JsonNode task = pair.publishAndAwait(pair.task("agent"));

		JsonNode laterReminder = pair.publishAndAwait(pair.reminder("after-agent", "Another reminder."));
		JsonNode laterTask = pair.publishAndAwait(pair.task("agent-again"));

		assertThat(laterReminder.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(laterReminder.path("messageError").path("code").asString()).isEqualTo("CUSTOMER_WITH_AGENT");
		assertThat(laterReminder.has("chatMessageSid")).isFalse();
		assertThat(laterTask.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(laterTask.path("taskSid").asString()).isEqualTo(task.path("taskSid").asString());
		assertThat(this.emulator.messages(reminder.path("chatChannelSid").asString())).extracting(ChatMessage::body)
			.containsExactly(REMINDER);
		assertThat(pair.tasksOn(reminder.path("chatChannelSid").asString())).hasSize(1);
	}

	@Test // #15
	void givesTheAgentsTaskAConversationOfItsOwnOnceTheRemindersSessionEnded() {
		Pair pair = new Pair();
		JsonNode reminder = pair.publishAndAwait(pair.reminder("ended", REMINDER));
		this.emulator.closeSession(reminder.path("proxySessionSid").asString());

		JsonNode task = pair.publishAndAwait(pair.task("after-end"));

		assertThat(task.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(task.path("flexFlowSid").asString()).isEqualTo(pair.taskFlow.sid());
		assertThat(task.path("chatChannelSid").asString()).isNotEqualTo(reminder.path("chatChannelSid").asString());
		assertThat(this.emulator.task(task.path("taskSid").asString())).hasValueSatisfying(
				(made) -> assertThat(made.channelSid()).isEqualTo(task.path("chatChannelSid").asString()));
		assertThat(pair.tasksOn(reminder.path("chatChannelSid").asString())).isEmpty();
		assertThat(pair.activeSessions()).isEqualTo(1);
	}

	@Test // #15
	void postsNothingForAReminderWhereAnAgentIsTalkingToTheCustomerAndSaysWhy() {
		Pair pair = new Pair();
		JsonNode task = pair.publishAndAwait(pair.task("first"));

		JsonNode reminder = pair.publishAndAwait(pair.reminder("after-task", REMINDER));

		assertThat(reminder.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(reminder.path("mode").asString()).isEqualTo("notify");
		assertThat(reminder.path("chatChannelSid").asString()).isEqualTo(task.path("chatChannelSid").asString());
		assertThat(reminder.path("messageError").path("code").asString()).isEqualTo("CUSTOMER_WITH_AGENT");
		assertThat(reminder.has("chatMessageSid")).isFalse();
		assertThat(this.emulator.messages(task.path("chatChannelSid").asString())).isEmpty();
		assertThat(pair.smsTexted()).isEmpty();
	}

	@Test // #15
	void leavesACustomerInFlexsOwnConversationOnTheStudioFlowThere() {
		Pair pair = new Pair();
		InboundConversation inbound = this.emulator.seedInboundConversation(pair.from, pair.to);

		JsonNode result = pair.publishAndAwait(pair.reminder("inbound", REMINDER));

		assertThat(inbound.flexFlowSid()).isEqualTo(pair.studio.sid());
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(inbound.sessionSid());
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(inbound.channelSid());
		assertThat(result.path("messageError").path("code").asString()).isEqualTo("CUSTOMER_WITH_AGENT");
		assertThat(this.emulator.messages(inbound.channelSid())).isEmpty();
		assertThat(pair.smsTexted()).isEmpty();
	}

	@Test // #15
	void givesUpItsChannelForTheCustomersConversationWhenProxyAnswers80604() {
		Pair pair = new Pair();
		// Flex's own conversation with the customer on the task flow: its chat user is
		// named after the customer's address
		Channel theirs = Channel.creator(pair.taskFlow.sid(), pair.to, "Jane Doe", "SMS" + pair.to)
			.setTarget(pair.to)
			.setTaskAttributes("{\"name\":\"Jane Doe\"}")
			.create(this.twilio);
		Session session = Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName(theirs.getSid())
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(Map.of("Identifier", pair.to, "ProxyIdentifier", pair.from),
					Map.of("Identifier", theirs.getSid(), "ProxyIdentifier", pair.from)))
			.create(this.twilio);

		JsonNode result = pair.publishAndAwait(pair.reminder("taken", REMINDER));

		assertThat(this.emulator.requests("POST", "/proxy/v1/Services/[^/]+/Sessions"))
			.extracting(RecordedRequest::errorCode)
			.contains(80604);
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(theirs.getSid());
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(session.getSid());
		assertThat(result.path("taskSid").asString()).isEqualTo(theirs.getTaskSid());
		assertThat(result.path("messageError").path("code").asString()).isEqualTo("CUSTOMER_WITH_AGENT");
		// the channel the reminder had made on the Studio flow is gone
		assertThat(this.emulator.flexChannels())
			.filteredOn((channel) -> channel.flexFlowSid().equals(pair.studio.sid()))
			.isEmpty();
		assertThat(this.emulator.messages(theirs.getSid())).isEmpty();
		assertThat(pair.activeSessions()).isEqualTo(1);
	}

	@Test // #15
	void deadLettersAReminderForANumberWithoutAStudioFlowAndMakesNothing() {
		Pair pair = new Pair(false);
		Map<String, Object> reminder = pair.reminder("no-studio", REMINDER);

		pair.publish(reminder);

		Map<String, Object> headers = this.taps.awaitDeadLetter((String) reminder.get("requestId"))
			.getMessageProperties()
			.getHeaders();
		assertThat(headers).containsEntry("x-error-code", "NOTIFY_NOT_CONFIGURED").containsEntry("x-attempts", 1);
		assertThat((String) headers.get("x-error-message")).contains("integration type studio");
		JsonNode result = this.taps.awaitResult((String) reminder.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(result.path("error").path("code").asString()).isEqualTo("NOTIFY_NOT_CONFIGURED");
		assertThat(pair.channelCreates()).isEmpty();
	}

	/**
	 * Proxy texts a chat message after Twilio accepted it, so the worker cannot learn
	 * here that the customer opted out: the reminder is posted, and Proxy refuses the SMS
	 * (21610) later.
	 */
	@Test // #15
	void postsAReminderForAnOptedOutCustomerThatProxyThenDoesNotText() {
		Pair pair = new Pair();
		this.emulator.optOut(pair.from, pair.to);

		JsonNode result = pair.publishAndAwait(pair.reminder("opted-out", REMINDER));

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("chatMessageSid").asString()).startsWith("IM");
		assertThat(result.has("messageError")).isFalse();
		assertThat(pair.smsTexted()).isEmpty();
		assertThat(this.emulator.refusedSms()).filteredOn((refused) -> refused.sms().to().equals(pair.to))
			.singleElement()
			.satisfies((refused) -> {
				assertThat(refused.errorCode()).isEqualTo(21610);
				assertThat(refused.sms().body()).isEqualTo(REMINDER);
			});
	}

	/** A number with its task flow and, unless told otherwise, its Studio flow. */
	private final class Pair {

		final String from = TestNumbers.twilioNumber();

		final String to = TestNumbers.customerNumber();

		final FlexFlow taskFlow;

		final FlexFlow studio;

		Pair() {
			this(true);
		}

		Pair(boolean withStudioFlow) {
			TwilioEmulator emulator = FlexLegacyNotifyModeIntegrationTests.this.emulator;
			this.taskFlow = emulator.createFlexFlow(this.from);
			this.studio = withStudioFlow ? emulator.createFlexFlow(NewFlexFlow.studio(this.from, STUDIO_FLOW)) : null;
		}

		Map<String, Object> reminder(String kind, String message) {
			Map<String, Object> body = task(kind);
			body.put("mode", "notify");
			body.put("initialNotificationMessage", message);
			return body;
		}

		Map<String, Object> task(String kind) {
			return RequestBodies.minimal("legacy-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8),
					this.from, this.to);
		}

		void publish(Map<String, Object> body) {
			FlexLegacyNotifyModeIntegrationTests.this.taps.publish(RequestBodies.json(body), null);
		}

		JsonNode publishAndAwait(Map<String, Object> body) {
			publish(body);
			return FlexLegacyNotifyModeIntegrationTests.this.taps.awaitResult((String) body.get("requestId"));
		}

		List<RecordedRequest> channelCreates() {
			return FlexLegacyNotifyModeIntegrationTests.this.emulator.requests("POST", "/flex-api/v1/Channels")
				.stream()
				.filter((request) -> this.to.equals(request.form().first("Target")))
				.toList();
		}

		List<FlexTask> tasksOn(String channelSid) {
			return FlexLegacyNotifyModeIntegrationTests.this.emulator.tasks()
				.stream()
				.filter((task) -> channelSid.equals(task.channelSid())
						|| channelSid.equals(task.attributes().path("channelSid").asString(null)))
				.toList();
		}

		long activeSessions() {
			return FlexLegacyNotifyModeIntegrationTests.this.emulator.sessions()
				.stream()
				.filter((session) -> session.isActive()
						&& session.participants().stream().anyMatch((p) -> p.identifier().equals(this.to)))
				.count();
		}

		List<String> smsTexted() {
			return FlexLegacyNotifyModeIntegrationTests.this.emulator.deliveredSms()
				.stream()
				.filter((sms) -> sms.to().equals(this.to))
				.map(DeliveredSms::body)
				.toList();
		}

	}

}
