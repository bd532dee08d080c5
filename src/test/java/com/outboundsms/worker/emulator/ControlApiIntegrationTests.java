package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Drives the {@code /_emulator/} control API as an out-of-process test would, without
 * Twilio credentials.
 */
class ControlApiIntegrationTests {

	private static final String TWILIO_NUMBER = "+15559990000";

	private final HttpClient http = HttpClient.newHttpClient();

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void seedsAFlowAndSummarizesStateAndRequests() throws Exception {
		JsonNode flow = control("POST", "/_emulator/flows", "ContactIdentity=%2B15559990000", 201);
		String channelSid = Channel.creator(flow.get("sid").asString(), "id", "Jane", "SMS")
			.setTarget("+15551230000")
			.create(this.client)
			.getSid();
		Channel.creator(flow.get("sid").asString(), "id", "Jane", "SMS").setTarget("+15551230000").create(this.client);

		JsonNode summary = control("GET", "/_emulator/summary", null, 200);

		assertThat(flow.get("contact_identity").asString()).isEqualTo(TWILIO_NUMBER);
		assertThat(flow.get("integration_type").asString()).isEqualTo("task");
		assertThat(summary.get("flows").asInt()).isEqualTo(1);
		assertThat(summary.get("channels").get("ACTIVE").asInt()).isEqualTo(1);
		assertThat(summary.get("channel_reuses").asInt()).isEqualTo(1);
		assertThat(summary.get("requests").get("POST /flex-api/v1/Channels").asInt()).isEqualTo(2);
		assertThat(this.emulator.chatChannel(channelSid)).isPresent();
	}

	@Test
	void closesChannelsAndSessionsAsTheJanitorWould() throws Exception {
		String flowSid = this.emulator.createFlexFlow(TWILIO_NUMBER).sid();
		String channelSid = Channel.creator(flowSid, "id", "Jane", "SMS").setTarget("+1").create(this.client).getSid();
		Session bound = Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName(channelSid)
			.setParticipants(List.of(Map.of("Identifier", channelSid, "ProxyIdentifier", TWILIO_NUMBER)))
			.create(this.client);
		Session other = Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName("other")
			.create(this.client);

		JsonNode channel = control("POST", "/_emulator/channels/" + channelSid + "/close", "", 200);
		JsonNode session = control("POST", "/_emulator/sessions/" + other.getSid() + "/close", "", 200);

		assertThat(channel.get("attributes").asString()).contains("\"status\":\"INACTIVE\"");
		assertThat(session.get("status").asString()).isEqualTo("closed");
		assertThat(this.emulator.session(bound.getSid()))
			.hasValueSatisfying((closed) -> assertThat(closed.status()).isEqualTo("closed"));
		assertThat(control("GET", "/_emulator/summary", null, 200).get("sessions").get("closed").asInt()).isEqualTo(2);
	}

	@Test
	void closesConversationsAndSummarizesInteractions() throws Exception {
		Map<String, Object> channel = Map.of("type", "sms", "participants",
				List.of(Map.of("address", "+15551230000", "proxy_address", TWILIO_NUMBER)));
		Map<String, Object> routing = Map.of("properties", Map.of("workspace_sid", "WS1"));
		String interactionSid = Interaction.creator(channel).setRouting(routing).create(this.client).getSid();
		String conversationSid = this.emulator.interaction(interactionSid).orElseThrow().conversationSid();
		this.emulator.createConversationFor("+15551239999", TWILIO_NUMBER);

		JsonNode closed = control("POST", "/_emulator/conversations/" + conversationSid + "/close", "", 200);
		Interaction.creator(channel).setRouting(routing).create(this.client);
		JsonNode summary = control("GET", "/_emulator/summary", null, 200);
		control("POST", "/_emulator/conversations/CH00000000000000000000000000000000/close", "", 404);

		assertThat(closed.get("state").asString()).isEqualTo("closed");
		assertThat(closed.get("sid").asString()).isEqualTo(conversationSid);
		assertThat(summary.get("interactions").asInt()).isEqualTo(2);
		assertThat(summary.get("conversations").get("active").asInt()).isEqualTo(2);
		assertThat(summary.get("conversations").get("closed").asInt()).isEqualTo(1);
		assertThat(summary.get("interaction_tasks").get("completed").asInt()).isEqualTo(1);
		assertThat(summary.get("interaction_tasks").get("pending").asInt()).isEqualTo(1);
		assertThat(summary.get("participant_conflicts").asInt()).isZero();
		assertThat(summary.get("requests").get("POST /flex-api/v1/Interactions").asInt()).isEqualTo(2);
	}

	@Test
	void listsRequestsAndResetsFaults() throws Exception {
		this.emulator.faults().badCredentials(true);
		EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows");

		JsonNode requests = control("GET", "/_emulator/requests", null, 200);
		control("POST", "/_emulator/faults/reset", "", 204);

		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.get("path").asString()).isEqualTo("/flex-api/v1/FlexFlows");
			assertThat(request.get("status").asInt()).isEqualTo(401);
			assertThat(request.get("error_code").asInt()).isEqualTo(20003);
		});
		assertThat(EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status()).isEqualTo(200);
	}

	@Test
	void switchesErrorRatesDroppedConnectionsAndTheConcurrencyCapWhileRunning() throws Exception {
		control("POST", "/_emulator/faults/seed", "Seed=7", 204);
		control("POST", "/_emulator/faults/fail-randomly",
				"Method=GET&PathRegex=.*FlexFlows.*&Probability=1.0&Status=503&Code=20500&Message=down", 204);
		int failing = EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status();
		control("POST", "/_emulator/faults/reset", "", 204);
		control("POST", "/_emulator/faults/drop-next", "Method=POST&PathRegex=.*Channels.*&Times=1", 204);
		// a POST: the JDK client repeats a GET once on a dropped connection
		Throwable dropped = catchThrowable(
				() -> EmulatorClients.post(this.emulator, "/flex-api/v1/Channels", List.of(Map.entry("A", "b"))));
		control("POST", "/_emulator/faults/concurrency-cap", "Max=1", 204);
		control("POST", "/_emulator/faults/latency", "Millis=400", 204);
		List<CompletableFuture<Integer>> parallel = List.of(1, 2)
			.stream()
			.map((any) -> CompletableFuture
				.supplyAsync(() -> EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status()))
			.toList();

		assertThat(failing).isEqualTo(503);
		assertThat(dropped).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
		assertThat(parallel.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder(200, 429);
		control("POST", "/_emulator/faults/fail-randomly", "Probability=often&Status=503&Code=20500", 400);
	}

	@Test
	void enforcesAPerEndpointRateWithTwilios429AndCountsWhatItRefused() throws Exception {
		control("POST", "/_emulator/faults/rate-limit", "Method=GET&PathRegex=/flex-api/v1/FlexFlows&PerSecond=0.01",
				204);
		int first = EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status();
		int second = EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status();
		int otherEndpoint = EmulatorClients.get(this.emulator, "/flex-api/v1/Channels").status();
		long refused = control("GET", "/_emulator/summary", null, 200).get("rate_limited").asLong();
		control("POST", "/_emulator/faults/reset", "", 204);
		int afterReset = EmulatorClients.get(this.emulator, "/flex-api/v1/FlexFlows").status();

		assertThat(List.of(first, second, otherEndpoint, afterReset)).containsExactly(200, 429, 200, 200);
		assertThat(refused).isEqualTo(1);
		control("POST", "/_emulator/faults/rate-limit", "PathRegex=.*&PerSecond=fast", 400);
	}

	@Test
	void countsChannelsSessionsAndMessagesPerPair() throws Exception {
		FlexFlow flow = this.emulator.createFlexFlow(TWILIO_NUMBER);
		String flowSid = flow.sid();
		String firstChannel = null;
		for (String customer : List.of("+15551230000", "+15551230000", "+15551231111")) {
			String sid = Channel.creator(flowSid, "id" + customer, "Jane", "SMS")
				.setTarget(customer)
				.create(this.client)
				.getSid();
			firstChannel = (firstChannel != null) ? firstChannel : sid;
		}
		for (String body : List.of("one", "two")) {
			Message.creator(flow.chatServiceSid(), firstChannel).setBody(body).create(this.client);
		}
		for (String customer : List.of("+15551230000", "+15551231111")) {
			Session.creator(this.emulator.defaultProxyServiceSid())
				.setUniqueName("session" + customer)
				.setParticipants(List.of(Map.of("Identifier", customer, "ProxyIdentifier", TWILIO_NUMBER),
						Map.of("Identifier", "CH0123456789abcdef0123456789abc" + customer.substring(9),
								"ProxyIdentifier", TWILIO_NUMBER)))
				.create(this.client);
		}

		JsonNode pairs = control("GET", "/_emulator/pairs", null, 200);

		assertThat(pairs).hasSize(2);
		assertThat(pairs.get(0).get("from").asString()).isEqualTo(TWILIO_NUMBER);
		assertThat(pairs.get(0).get("to").asString()).isEqualTo("+15551230000");
		// the second create for the same customer got the active channel back
		assertThat(pairs.get(0).get("channels").asInt()).isEqualTo(1);
		assertThat(pairs.get(0).get("sessions").asInt()).isEqualTo(1);
		assertThat(pairs.get(0).get("active_sessions").asInt()).isEqualTo(1);
		assertThat(pairs.get(0).get("messages").asInt()).isEqualTo(2);
		assertThat(pairs.get(1).get("to").asString()).isEqualTo("+15551231111");
		assertThat(pairs.get(1).get("channels").asInt()).isEqualTo(1);
		assertThat(pairs.get(1).get("sessions").asInt()).isEqualTo(1);
		assertThat(pairs.get(1).get("messages").asInt()).isZero();
	}

	@Test
	void resetForgetsStateRequestsAndFaultsButKeepsTheServices() {
		String flowSid = this.emulator.createFlexFlow(TWILIO_NUMBER).sid();
		Channel.creator(flowSid, "id", "Jane", "SMS").setTarget("+1").create(this.client);
		Session.creator(this.emulator.defaultProxyServiceSid()).setUniqueName("name").create(this.client);
		this.emulator.createConversationFor("+15551230000", TWILIO_NUMBER);
		Interaction.creator(Map.of("type", "sms"))
			.setRouting(Map.of("properties", Map.of("workspace_sid", "WS1")))
			.create(this.client);
		this.emulator.faults().badCredentials(true);

		this.emulator.reset();

		assertThat(this.emulator.flows()).isEmpty();
		assertThat(this.emulator.chatChannels()).isEmpty();
		assertThat(this.emulator.sessions()).isEmpty();
		assertThat(this.emulator.requests()).isEmpty();
		assertThat(this.emulator.interactions()).isEmpty();
		assertThat(this.emulator.conversations()).isEmpty();
		assertThat(this.emulator.interactionTasks()).isEmpty();
		assertThat(this.emulator.openConversationCount("+15551230000", TWILIO_NUMBER)).isZero();
		assertThat(Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName("name")
			.create(this.client)
			.getUniqueName()).isEqualTo("name");
	}

	@Test
	void seedsManyFlowsAndOpenSessionsAtOnceAndCountsAnswersByStatus() throws Exception {
		JsonNode seeded = control("POST", "/_emulator/seed",
				"Flows=120&FlowPrefix=%2B1646555&Sessions=300&CustomerPrefix=%2B121255", 201);
		Session.reader(this.emulator.defaultProxyServiceSid()).firstPage(this.client);

		JsonNode summary = control("GET", "/_emulator/summary", null, 200);

		assertThat(seeded.get("flows")).hasSize(120);
		assertThat(seeded.get("flows").get(7).asString()).isEqualTo("+16465550007");
		assertThat(summary.get("flows").asInt()).isEqualTo(120);
		assertThat(summary.get("sessions").get("open").asInt()).isEqualTo(300);
		assertThat(summary.get("statuses").get("200").asInt()).isEqualTo(1);
	}

	@Test // #15
	void seedsAStudioFlowBesideEachTaskFlowWhenAskedForNotifyRequests() throws Exception {
		JsonNode seeded = control("POST", "/_emulator/seed", "Flows=3&FlowPrefix=%2B1646556&StudioFlows=true", 201);

		assertThat(seeded.get("flows")).hasSize(3);
		assertThat(this.emulator.flows()).hasSize(6)
			.filteredOn((flow) -> flow.contactIdentity().equals("+16465560001"))
			.extracting(FlexFlow::integrationType)
			.containsExactlyInAnyOrder("task", "studio");
	}

	@Test
	void seedsFlexsOwnInboundConversationOfACustomerOnANumber() throws Exception {
		JsonNode seeded = control("POST", "/_emulator/inbound-conversations",
				"TwilioNumber=%2B15559990000&Customer=%2B15551230000", 201);

		assertThat(seeded.get("flex_flow_sid").asString()).matches("FO[0-9a-f]{32}");
		assertThat(seeded.get("user_sid").asString()).matches("US[0-9a-f]{32}");
		assertThat(this.emulator.session(seeded.get("session_sid").asString()).orElseThrow().isActive()).isTrue();
		assertThat(this.emulator.chatChannel(seeded.get("channel_sid").asString()).orElseThrow().proxySession())
			.isEqualTo(seeded.get("session_sid").asString());
		control("POST", "/_emulator/inbound-conversations", "TwilioNumber=%2B15559990000&Customer=%2B15551230000", 400);
	}

	@Test
	void seedsANumbersStudioFlow() throws Exception {
		JsonNode named = control("POST", "/_emulator/flows",
				"ContactIdentity=%2B15559990000&IntegrationType=studio&FlowSid=FW0123456789abcdef0123456789abcdef",
				201);
		JsonNode madeUp = control("POST", "/_emulator/flows", "ContactIdentity=%2B15558880000&IntegrationType=studio",
				201);

		assertThat(named.get("integration_type").asString()).isEqualTo("studio");
		assertThat(named.get("enabled").asBoolean()).isTrue();
		assertThat(named.get("integration").get("flow_sid").asString()).isEqualTo("FW0123456789abcdef0123456789abcdef");
		assertThat(named.get("integration").has("workspace_sid")).isFalse();
		assertThat(madeUp.get("integration").get("flow_sid").asString()).matches("FW[0-9a-f]{32}");
		assertThat(Channel.creator(named.get("sid").asString(), "id", "Jane", "SMS")
			.setTarget("+15551230000")
			.create(this.client)
			.getTaskSid()).isNull();
		assertThat(this.emulator.tasks()).isEmpty();
	}

	@Test
	void countsANotifyConversationsPartsPerPairAndNamesWhatEachRequestMade() throws Exception {
		com.twilio.rest.conversations.v1.Conversation conversation = com.twilio.rest.conversations.v1.Conversation
			.creator()
			.setState(com.twilio.rest.conversations.v1.Conversation.State.ACTIVE)
			.setTimersClosed("P1D")
			.create(this.client);
		com.twilio.rest.conversations.v1.conversation.Participant.creator(conversation.getSid())
			.setMessagingBindingAddress("+15551230000")
			.setMessagingBindingProxyAddress(TWILIO_NUMBER)
			.create(this.client);
		com.twilio.rest.conversations.v1.conversation.Webhook
			.creator(conversation.getSid(), com.twilio.rest.conversations.v1.conversation.Webhook.Target.STUDIO)
			.setConfigurationFlowSid("FW0123456789abcdef0123456789abcdef")
			.create(this.client);
		com.twilio.rest.conversations.v1.conversation.Message.creator(conversation.getSid())
			.setBody("Hello Jane")
			.create(this.client);

		JsonNode pairs = control("GET", "/_emulator/pairs", null, 200);
		JsonNode requests = control("GET", "/_emulator/requests", null, 200);
		JsonNode summary = control("GET", "/_emulator/summary", null, 200);
		JsonNode delivered = control("GET", "/_emulator/delivered-sms", null, 200);

		assertThat(pairs).singleElement().satisfies((pair) -> {
			assertThat(pair.get("from").asString()).isEqualTo(TWILIO_NUMBER);
			assertThat(pair.get("to").asString()).isEqualTo("+15551230000");
			assertThat(pair.get("conversations").asInt()).isEqualTo(1);
			assertThat(pair.get("open_conversations").asInt()).isEqualTo(1);
			assertThat(pair.get("webhooks").asInt()).isEqualTo(1);
			assertThat(pair.get("studio_webhooks").asInt()).isEqualTo(1);
			assertThat(pair.get("conversation_messages").asInt()).isEqualTo(1);
			assertThat(pair.get("sms_delivered").asInt()).isEqualTo(1);
			assertThat(pair.get("channels").asInt()).isZero();
			assertThat(pair.get("sessions").asInt()).isZero();
		});
		assertThat(requests).extracting((request) -> request.get("template").asString())
			.containsExactly("/conversations/v1/Conversations",
					"/conversations/v1/Conversations/{ConversationSid}/Participants",
					"/conversations/v1/Conversations/{ConversationSid}/Webhooks",
					"/conversations/v1/Conversations/{ConversationSid}/Messages");
		assertThat(requests.get(0).get("resource_sid").asString()).isEqualTo(conversation.getSid());
		assertThat(requests.get(2).get("resource_sid").asString()).matches("WH[0-9a-f]{32}");
		assertThat(summary.get("conversation_webhooks").get("studio").asInt()).isEqualTo(1);
		assertThat(summary.get("timed_conversations").asInt()).isEqualTo(1);
		assertThat(summary.get("conversations").get("active").asInt()).isEqualTo(1);
		assertThat(summary.get("sms_refused").asInt()).isZero();
		assertThat(delivered).singleElement()
			.satisfies((sms) -> assertThat(sms.get("conversation_sid").asString()).isEqualTo(conversation.getSid()));
	}

	private JsonNode control(String method, String path, String form, int expectedStatus)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path));
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers.ofString(form));
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
	}

}
