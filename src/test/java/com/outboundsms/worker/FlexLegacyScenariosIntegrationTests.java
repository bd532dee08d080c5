package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.FlexTask;
import com.outboundsms.worker.emulator.InboundConversation;
import com.outboundsms.worker.emulator.ProxySession;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's scenarios on the flex-legacy backend, and what only its sequence meets:
 * Flex answering a channel create with a channel nobody here made, the customer already
 * in Flex's own conversation on the number, sessions closed under an ACTIVE channel,
 * flows made again, and what Twilio is told about the customer.
 */
@WorkerIntegrationTest
class FlexLegacyScenariosIntegrationTests extends OutreachScenarios {

	private static final String FIRST_MESSAGE = "Hello from the clinic";

	@Autowired
	TwilioEmulator twilioEmulator;

	@Autowired
	TwilioRestClient twilio;

	@Override
	protected BackendUnderTest backend() {
		return new FlexLegacyBackendUnderTest(this.twilioEmulator);
	}

	@Test
	void reusesTheCustomersConversationOnTheFlowWhenTheSessionCreateFailedForAWhileAndPostsNothing() {
		Legacy pair = new Legacy("transient-foreign");
		Channel flexChannel = pair.flexChannelOnTheFlow();
		Session flexSession = pair.sessionOf(flexChannel, flexChannel.getSid() + "-inbound");
		this.emulator.faults().failNext("POST", pair.sessionsPath(), 503, 20503, "Service unavailable");

		JsonNode result = pair.request(FIRST_MESSAGE);

		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(flexChannel.getSid());
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(flexSession.getSid());
		assertThat(result.has("chatMessageSid")).isFalse();
		assertThat(this.emulator.messages(flexChannel.getSid())).isEmpty();
		assertThat(pair.smsReceived()).isZero();
	}

	@Test
	void reusesFlexsOwnInboundConversationWhenTheSessionCreateFailedForAWhileAndLeavesNoTask() {
		Legacy pair = new Legacy("transient-inbound");
		InboundConversation inbound = this.emulator.seedInboundConversation(pair.from, pair.to);
		this.emulator.faults().failNext("POST", pair.sessionsPath(), 429, 20429, "Too many requests");

		JsonNode result = pair.request(FIRST_MESSAGE);

		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(inbound.sessionSid());
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(inbound.channelSid());
		assertThat(result.path("flexFlowSid").asString()).isEqualTo(inbound.flexFlowSid());
		assertThat(this.emulator.messages(inbound.channelSid())).isEmpty();
		assertThat(pair.smsReceived()).isZero();
		pair.assertLeavesNoTaskAndNoChannel();
	}

	@Test
	void reportsAnActiveChannelFlexAnsweredWithAsReusedWithoutClaimingTheRequestsTaskAttributes() {
		Legacy pair = new Legacy("active-again");
		Channel flexChannel = pair.flexChannelOnTheFlow();
		Session flexSession = pair.sessionOf(flexChannel, flexChannel.getSid());
		this.emulator.faults().failNext("POST", pair.sessionsPath(), 429, 20429, "Too many requests");
		Map<String, Object> body = pair.body(FIRST_MESSAGE);
		body.put("taskAttributes", Map.of("ticketId", 4711));

		JsonNode result = pair.requestWith(body);

		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(flexSession.getSid());
		assertThat(result.path("taskSid").asString()).isEqualTo(flexChannel.getTaskSid());
		assertThat(backend().taskAttributesOf(result)).doesNotContainKey("ticketId");
		assertThat(this.emulator.messages(flexChannel.getSid())).isEmpty();
		assertThat(pair.smsReceived()).isZero();
	}

	@Test
	void reusesFlexsOwnConversationOnAnotherFlowOfTheNumberAndLeavesNoTask() {
		Legacy pair = new Legacy("inbound");
		InboundConversation inbound = this.emulator.seedInboundConversation(pair.from, pair.to);

		JsonNode result = pair.request(FIRST_MESSAGE);

		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(inbound.sessionSid());
		assertThat(result.path("attempts").asInt()).isEqualTo(1);
		assertThat(backend().activeOutreachesOf(pair.to)).isEqualTo(1);
		assertThat(pair.smsReceived()).isZero();
		pair.assertLeavesNoTaskAndNoChannel();
		assertThat(pair.tasksMade()).singleElement()
			.satisfies((task) -> assertThat(task.status()).isEqualTo("canceled"));
	}

	@Test
	void failsForGoodAndLeavesNoTaskWhenTwilioRefusesTheSession() {
		Legacy pair = new Legacy("session-refused");
		this.emulator.faults().failNext("POST", pair.sessionsPath(), 400, 80404, "Participant Identifier Invalid");

		pair.publish(pair.body(FIRST_MESSAGE));

		Map<String, Object> headers = this.taps.awaitDeadLetter(pair.requestId).getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "TWILIO_REJECTED").containsEntry("x-twilio-code", 80404);
		assertThat(this.taps.awaitResult(pair.requestId).path("outcome").asString()).isEqualTo("FAILED");
		assertThat(pair.tasksMade()).hasSize(1);
		pair.assertLeavesNoTaskAndNoChannel();
	}

	@Test
	void failsForGoodAndLeavesNoTaskWhenTheCustomersOtherSessionCannotBeFound() {
		Legacy pair = new Legacy("other-session");
		Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName("another-tool-" + pair.to)
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(Map.of("Identifier", pair.to, "ProxyIdentifier", pair.from)))
			.create(this.twilio);

		pair.publish(pair.body(FIRST_MESSAGE));

		Map<String, Object> headers = this.taps.awaitDeadLetter(pair.requestId).getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "TWILIO_REJECTED").containsEntry("x-twilio-code", 80604);
		assertThat(pair.tasksMade()).hasSize(1);
		pair.assertLeavesNoTaskAndNoChannel();
	}

	@Test
	void makesTheOutreachAgainWhenItsSessionClosedWhileItsChannelStayedActive() {
		Legacy pair = new Legacy("closed-session");
		JsonNode first = pair.request();
		this.emulator.closeSession(first.path("proxySessionSid").asString());
		assertThat(this.emulator.chatChannel(first.path("chatChannelSid").asString()).orElseThrow().isActive())
			.isTrue();
		Legacy again = pair.again("closed-session-again");

		JsonNode second = again.request(FIRST_MESSAGE);

		assertThat(second.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(second.path("chatChannelSid").asString()).isNotEqualTo(first.path("chatChannelSid").asString());
		assertThat(second.path("proxySessionSid").asString()).isNotEqualTo(first.path("proxySessionSid").asString());
		assertThat(this.emulator.chatChannel(first.path("chatChannelSid").asString()).orElseThrow().isActive())
			.isFalse();
		assertThat(backend().activeOutreachesOf(pair.to)).isEqualTo(1);
		assertThat(backend().messagesOf(second)).containsExactly(FIRST_MESSAGE);
	}

	@Test
	void followsAFlexFlowDeletedAndMadeAgainWithinOneAttempt() {
		Legacy pair = new Legacy("flow-again");
		pair.request();
		this.emulator.deleteFlexFlow(pair.flow.sid());
		FlexFlow remade = this.emulator.createFlexFlow(pair.from);
		Legacy other = new Legacy("flow-again-other", pair.from, TestNumbers.customerNumber(), remade);

		JsonNode result = other.request();

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("flexFlowSid").asString()).isEqualTo(remade.sid());
		assertThat(result.path("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void tellsTwilioNeitherTheCustomersNameInTheParticipantsNorTheirNumberInTheChatIdentity() {
		Legacy pair = new Legacy("personal-data");
		this.emulator.faults().failNext("POST", "/flex-api/v1/Channels", 503, 20503, "Service unavailable");

		JsonNode result = pair.request();

		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		ProxySession session = this.emulator.session(result.path("proxySessionSid").asString()).orElseThrow();
		assertThat(session.participants()).hasSize(2)
			.allSatisfy((participant) -> assertThat(participant.friendlyName()).isNull());
		List<String> identities = this.emulator.requests("POST", "/flex-api/v1/Channels")
			.stream()
			.filter((request) -> pair.to.equals(request.form().first("Target")))
			.map((request) -> request.form().first("Identity"))
			.toList();
		assertThat(identities).hasSize(2).doesNotContainNull().containsOnly(identities.get(0));
		assertThat(identities.get(0)).doesNotContain(digits(pair.to), digits(pair.from));
		for (String text : List.of(pair.to, pair.from, pair.from + ">" + pair.to, digits(pair.to))) {
			for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
				assertThat(identities.get(0)).doesNotContainIgnoringCase(digest(algorithm, text).substring(0, 16));
			}
		}
	}

	private static String digits(String number) {
		return number.replaceAll("[^0-9]", "");
	}

	private static String digest(String algorithm, String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A pair of numbers with the number's outbound task flow, and its request. */
	private final class Legacy {

		final String requestId;

		final String from;

		final String to;

		final FlexFlow flow;

		Legacy(String scenario) {
			this(scenario, TestNumbers.twilioNumber(), TestNumbers.customerNumber(), null);
		}

		Legacy(String scenario, String from, String to, FlexFlow flow) {
			this.requestId = "flex-legacy-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
			this.from = from;
			this.to = to;
			this.flow = (flow != null) ? flow : FlexLegacyScenariosIntegrationTests.this.emulator.createFlexFlow(from);
		}

		/** Another request for the same pair. */
		Legacy again(String scenario) {
			return new Legacy(scenario, this.from, this.to, this.flow);
		}

		String sessionsPath() {
			return "/proxy/v1/Services/" + FlexLegacyScenariosIntegrationTests.this.emulator.defaultProxyServiceSid()
					+ "/Sessions";
		}

		Map<String, Object> body(String firstMessage) {
			Map<String, Object> body = RequestBodies.minimal(this.requestId, this.from, this.to);
			if (firstMessage != null) {
				body.put("initialNotificationMessage", firstMessage);
			}
			return body;
		}

		void publish(Map<String, Object> body) {
			FlexLegacyScenariosIntegrationTests.this.taps.publish(RequestBodies.json(body), null);
		}

		JsonNode request() {
			return requestWith(body(null));
		}

		JsonNode request(String firstMessage) {
			return requestWith(body(firstMessage));
		}

		JsonNode requestWith(Map<String, Object> body) {
			publish(body);
			return FlexLegacyScenariosIntegrationTests.this.taps.awaitResult(this.requestId);
		}

		/** A channel Flex made on the task flow for the customer, with its task. */
		Channel flexChannelOnTheFlow() {
			return Channel.creator(this.flow.sid(), "flex-" + UUID.randomUUID(), "Jane Doe", "SMS" + this.to)
				.setTarget(this.to)
				.setTaskAttributes("{\"name\":\"Jane Doe\",\"origin\":\"flex\"}")
				.create(FlexLegacyScenariosIntegrationTests.this.twilio);
		}

		Session sessionOf(Channel channel, String uniqueName) {
			return Session.creator(FlexLegacyScenariosIntegrationTests.this.emulator.defaultProxyServiceSid())
				.setUniqueName(uniqueName)
				.setMode(Session.Mode.MESSAGE_ONLY)
				.setParticipants(List.of(Map.of("Identifier", this.to, "ProxyIdentifier", this.from),
						Map.of("Identifier", channel.getSid(), "ProxyIdentifier", this.from)))
				.create(FlexLegacyScenariosIntegrationTests.this.twilio);
		}

		/** The tasks the worker's channel creates for the pair made on the task flow. */
		List<FlexTask> tasksMade() {
			return FlexLegacyScenariosIntegrationTests.this.emulator.tasks()
				.stream()
				.filter((task) -> this.flow.sid().equals(task.flexFlowSid()))
				.filter((task) -> this.to.equals(task.attributes().path("to").asString(null)))
				.toList();
		}

		long smsReceived() {
			return FlexLegacyScenariosIntegrationTests.this.emulator.deliveredSms()
				.stream()
				.filter((sms) -> sms.to().equals(this.to))
				.count();
		}

		void assertLeavesNoTaskAndNoChannel() {
			assertThat(tasksMade()).allSatisfy((task) -> {
				assertThat(task.isOpen()).as("task " + task.sid() + " " + task.status()).isFalse();
				assertThat(task.reason()).isNotBlank();
			});
			assertThat(FlexLegacyScenariosIntegrationTests.this.emulator.flexChannels())
				.filteredOn(
						(channel) -> channel.flexFlowSid().equals(this.flow.sid()) && this.to.equals(channel.target()))
				.isEmpty();
		}

	}

}
