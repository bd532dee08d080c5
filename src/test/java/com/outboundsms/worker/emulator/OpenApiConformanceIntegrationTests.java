package com.outboundsms.worker.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.outboundsms.worker.emulator.client.OpenApiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every JSON body the emulator returns, fetched raw over HTTP, against the
 * response schema of the same operation in Twilio's OpenAPI specs: exactly the schema's
 * properties, of the schema's types.
 */
class OpenApiConformanceIntegrationTests {

	private static final OpenApiSpec FLEX = OpenApiSpec.load("twilio_flex_v1.json");

	private static final OpenApiSpec PROXY = OpenApiSpec.load("twilio_proxy_v1.json");

	private static final OpenApiSpec CHAT = OpenApiSpec.load("twilio_chat_v2.json");

	private static final OpenApiSpec CONVERSATIONS = OpenApiSpec.load("twilio_conversations_v1.json");

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String INTERACTION_CHANNEL = "{\"type\":\"sms\",\"initiated_by\":\"agent\","
			+ "\"participants\":[{\"address\":\"" + CUSTOMER + "\",\"proxy_address\":\"" + TWILIO_NUMBER + "\"}]}";

	private static final String INTERACTION_ROUTING = "{\"properties\":{\"workspace_sid\":\"WS00000000000000000000000000000001\","
			+ "\"workflow_sid\":\"WW00000000000000000000000000000001\",\"task_channel_unique_name\":\"sms\","
			+ "\"attributes\":{\"direction\":\"outbound\"}}}";

	private static TwilioEmulator emulator;

	private static FlexFlow flow;

	private static String channelSid;

	private static String sessionSid;

	private static String interactionSid;

	private static String conversationSid;

	@BeforeAll
	static void seed() {
		emulator = TwilioEmulator.start();
		flow = emulator.createFlexFlow(TWILIO_NUMBER);
		channelSid = created(post("/flex-api/v1/Channels", Map.entry("FlexFlowSid", flow.sid()),
				Map.entry("Identity", "id"), Map.entry("ChatUserFriendlyName", "Jane"),
				Map.entry("ChatFriendlyName", "SMS" + CUSTOMER), Map.entry("Target", CUSTOMER)))
			.get("sid")
			.asString();
		sessionSid = created(post(sessionsPath(), Map.entry("UniqueName", channelSid),
				Map.entry("Mode", "message-only"), Map.entry("Participants", participant(CUSTOMER)),
				Map.entry("Participants", participant(channelSid))))
			.get("sid")
			.asString();
		created(post(messagesPath(), Map.entry("Body", "Hello")));
		interactionSid = post("/flex-api/v1/Interactions", Map.entry("Channel", INTERACTION_CHANNEL),
				Map.entry("Routing", INTERACTION_ROUTING))
			.body()
			.get("sid")
			.asString();
		conversationSid = emulator.interaction(interactionSid).orElseThrow().conversationSid();
		created(post(conversationPath() + "/Messages", Map.entry("Body", "Hello")));
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void flexFlowBodiesMatchTheSpec() {
		assertConforms(FLEX, "/v1/FlexFlows", "get", get("/flex-api/v1/FlexFlows?PageSize=1"));
		assertConforms(FLEX, "/v1/FlexFlows/{Sid}", "get", get("/flex-api/v1/FlexFlows/" + flow.sid()));
		assertConforms(FLEX, "/v1/FlexFlows", "post",
				post("/flex-api/v1/FlexFlows", Map.entry("FriendlyName", "Web"),
						Map.entry("ChatServiceSid", flow.chatServiceSid()), Map.entry("ChannelType", "web"),
						Map.entry("IntegrationType", "studio"),
						Map.entry("Integration.FlowSid", "FW00000000000000000000000000000000")));
	}

	@Test
	void flexChannelBodiesMatchTheSpec() {
		assertConforms(FLEX, "/v1/Channels", "get", get("/flex-api/v1/Channels"));
		assertConforms(FLEX, "/v1/Channels/{Sid}", "get", get("/flex-api/v1/Channels/" + channelSid));
		assertConforms(FLEX, "/v1/Channels", "post",
				post("/flex-api/v1/Channels", Map.entry("FlexFlowSid", flow.sid()), Map.entry("Identity", "id"),
						Map.entry("ChatUserFriendlyName", "Jane"), Map.entry("ChatFriendlyName", "SMS"),
						Map.entry("Target", CUSTOMER)));
	}

	@Test // #15
	void studioFlowAndItsTasklessChannelBodiesMatchTheSpec() {
		FlexFlow studio = emulator
			.createFlexFlow(NewFlexFlow.studio("+15559998888", "FW0123456789abcdef0123456789abcdef"));

		EmulatorClients.RawResponse listed = get("/flex-api/v1/FlexFlows?FriendlyName="
				+ URLEncoder.encode(studio.friendlyName(), StandardCharsets.UTF_8));
		EmulatorClients.RawResponse channel = post("/flex-api/v1/Channels", Map.entry("FlexFlowSid", studio.sid()),
				Map.entry("Identity", "studio-id"), Map.entry("ChatUserFriendlyName", "Jane"),
				Map.entry("ChatFriendlyName", "SMS"), Map.entry("Target", "+15551239999"));

		assertConforms(FLEX, "/v1/FlexFlows", "get", listed);
		assertThat(listed.body().get("flex_flows")).singleElement().satisfies((flow) -> {
			assertThat(flow.get("integration_type").asString()).isEqualTo("studio");
			assertThat(flow.get("integration").get("flow_sid").asString())
				.isEqualTo("FW0123456789abcdef0123456789abcdef");
		});
		assertConforms(FLEX, "/v1/Channels", "post", channel);
		assertThat(channel.body().get("task_sid").isNull()).isTrue();
		assertConforms(FLEX, "/v1/Channels/{Sid}", "get",
				get("/flex-api/v1/Channels/" + channel.body().get("sid").asString()));
	}

	@Test
	void flexConfigurationBodyMatchesTheSpec() {
		assertConforms(FLEX, "/v1/Configuration", "get", get("/flex-api/v1/Configuration"));
	}

	@Test
	void proxySessionBodiesMatchTheSpec() {
		String session = "/v1/Services/{ServiceSid}/Sessions/{Sid}";
		assertConforms(PROXY, "/v1/Services/{ServiceSid}/Sessions", "get", get(sessionsPath()));
		assertConforms(PROXY, session, "get", get(sessionsPath() + "/" + sessionSid));
		assertConforms(PROXY, "/v1/Services/{ServiceSid}/Sessions", "post",
				post(sessionsPath(), Map.entry("UniqueName", "conformance"), Map.entry("Ttl", "3600"),
						Map.entry("DateExpiry", "2030-01-01T00:00:00")));
		assertConforms(PROXY, session, "post",
				post(sessionsPath() + "/" + sessionSid, Map.entry("Ttl", "60"), Map.entry("Status", "closed")));
	}

	@Test
	void proxyParticipantBodiesMatchTheSpec() {
		String participants = "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants";
		String other = created(post(sessionsPath(), Map.entry("UniqueName", "participants"))).get("sid").asString();
		assertConforms(PROXY, participants, "get", get(sessionsPath() + "/" + sessionSid + "/Participants"));
		assertConforms(PROXY, participants, "post", post(sessionsPath() + "/" + other + "/Participants",
				Map.entry("Identifier", "+15550001111"), Map.entry("ProxyIdentifier", "+15550002222")));
	}

	@Test
	void chatChannelBodiesMatchTheSpec() {
		String channel = "/v2/Services/{ServiceSid}/Channels/{Sid}";
		assertConforms(CHAT, channel, "get", get(chatChannelPath()));
		assertConforms(CHAT, channel, "post", post(chatChannelPath(), Map.entry("FriendlyName", "renamed")));
	}

	@Test
	void chatUserChannelBodiesMatchTheSpec() {
		String userChannels = "/v2/Services/{ServiceSid}/Users/{UserSid}/Channels";
		String byIdentity = "/chat/v2/Services/" + flow.chatServiceSid() + "/Users/id/Channels";

		assertConforms(CHAT, userChannels, "get", get(byIdentity));
		assertThat(get(byIdentity).body().get("channels")).isNotEmpty();
	}

	@Test
	void chatMessageBodiesMatchTheSpec() {
		String messages = "/v2/Services/{ServiceSid}/Channels/{ChannelSid}/Messages";
		assertConforms(CHAT, messages, "get", get(messagesPath() + "?Order=desc"));
		assertConforms(CHAT, messages, "post", post(messagesPath(), Map.entry("Body", "Hi"), Map.entry("From", "agent"),
				Map.entry("Attributes", "{\"a\":1}")));
	}

	@Test
	void interactionBodiesMatchTheSpec() {
		EmulatorClients.RawResponse created = post("/flex-api/v1/Interactions",
				Map.entry("Channel", INTERACTION_CHANNEL.replace(CUSTOMER, "+15551231111")),
				Map.entry("Routing", INTERACTION_ROUTING), Map.entry("WebhookTtid", "flex_interactionwebhook_1"));

		assertThat(created.status()).isEqualTo(InteractionHandler.CREATED_STATUS);
		// the spec says 201 where Twilio's docs say 200: same body either way
		assertConforms(FLEX, "/v1/Interactions", "post", 201, created);
		assertConforms(FLEX, "/v1/Interactions/{Sid}", "get", get("/flex-api/v1/Interactions/" + interactionSid));
		assertRoutingPropertiesAreTaskRouters(created.body().get("routing").get("properties"));
	}

	@Test
	void interactionChannelBodiesMatchTheSpec() {
		String channel = "/v1/Interactions/{InteractionSid}/Channels/{Sid}";
		String other = interactionFor("+15551233333");
		Interaction made = emulator.interaction(other).orElseThrow();
		String path = "/flex-api/v1/Interactions/" + other + "/Channels/" + made.channelSid();

		assertConforms(FLEX, channel, "get", get(path));
		EmulatorClients.RawResponse closed = post(path, Map.entry("Status", "closed"));
		assertConforms(FLEX, channel, "post", closed);
		assertThat(closed.body().get("status").asString()).isEqualTo("closed");
	}

	@Test
	void bodiesOfAnInteractionBeingSetUpMatchTheSpec() {
		emulator.setUpInteractions(InteractionSetup.deferred(Duration.ofHours(1)));
		try {
			EmulatorClients.RawResponse accepted = post("/flex-api/v1/Interactions",
					Map.entry("Channel", INTERACTION_CHANNEL.replace(CUSTOMER, "+15551234444")),
					Map.entry("Routing", INTERACTION_ROUTING));
			String sid = accepted.body().get("sid").asString();
			String channelSid = accepted.body().get("channel").get("sid").asString();

			assertConforms(FLEX, "/v1/Interactions", "post", 201, accepted);
			assertConforms(FLEX, "/v1/Interactions/{Sid}", "get", get("/flex-api/v1/Interactions/" + sid));
			EmulatorClients.RawResponse channel = get("/flex-api/v1/Interactions/" + sid + "/Channels/" + channelSid);
			assertConforms(FLEX, "/v1/Interactions/{InteractionSid}/Channels/{Sid}", "get", channel);
			assertThat(channel.body().get("status").asString()).isEqualTo("setup");
		}
		finally {
			emulator.setUpInteractions(InteractionSetup.immediate());
		}
	}

	@Test
	void conversationBodiesMatchTheSpec() {
		String other = emulator.createConversationFor("+15551232222", TWILIO_NUMBER).sid();

		assertConforms(CONVERSATIONS, "/v1/Conversations/{Sid}", "get", get(conversationPath()));
		assertConforms(CONVERSATIONS, "/v1/Conversations/{Sid}", "post",
				post("/conversations/v1/Conversations/" + other, Map.entry("State", "closed"),
						Map.entry("FriendlyName", "closed"), Map.entry("Attributes", "{\"a\":1}")));
	}

	@Test
	void conversationMessageBodiesMatchTheSpec() {
		String messages = "/v1/Conversations/{ConversationSid}/Messages";
		assertConforms(CONVERSATIONS, messages, "get", get(conversationPath() + "/Messages?Order=desc"));
		assertConforms(CONVERSATIONS, messages, "post", post(conversationPath() + "/Messages", Map.entry("Body", "Hi"),
				Map.entry("Author", "agent"), Map.entry("Attributes", "{\"a\":1}")));
	}

	@Test
	void conversationCreateBodiesMatchTheSpec() {
		EmulatorClients.RawResponse timed = post("/conversations/v1/Conversations",
				Map.entry("FriendlyName", "Outreach"), Map.entry("Attributes", "{\"outreach\":\"o-1\"}"),
				Map.entry("State", "active"), Map.entry("Timers.Inactive", "PT1H"), Map.entry("Timers.Closed", "P1D"));

		assertConforms(CONVERSATIONS, "/v1/Conversations", "post", timed);
		assertConforms(CONVERSATIONS, "/v1/Conversations", "post", post("/conversations/v1/Conversations"));
		assertConforms(CONVERSATIONS, "/v1/Conversations/{Sid}", "get",
				get("/conversations/v1/Conversations/" + timed.body().get("sid").asString()));
		assertThat(timed.body().get("timers").propertyNames()).containsExactlyInAnyOrder("date_inactive",
				"date_closed");
	}

	@Test
	void conversationParticipantBodiesMatchTheSpec() {
		String participants = "/v1/Conversations/{ConversationSid}/Participants";
		String sid = created(post("/conversations/v1/Conversations")).get("sid").asString();
		String path = "/conversations/v1/Conversations/" + sid + "/Participants";

		EmulatorClients.RawResponse sms = post(path, Map.entry("MessagingBinding.Address", "+15551235555"),
				Map.entry("MessagingBinding.ProxyAddress", TWILIO_NUMBER), Map.entry("Attributes", "{\"a\":1}"));
		assertConforms(CONVERSATIONS, participants, "post", sms);
		assertConforms(CONVERSATIONS, participants, "post", post(path, Map.entry("Identity", "agent-1")));
		assertConforms(CONVERSATIONS, participants, "get", get(path));
		assertConforms(CONVERSATIONS, participants + "/{Sid}", "get",
				get(path + "/" + sms.body().get("sid").asString()));
		assertThat(sms.body().get("messaging_binding").get("address").asString()).isEqualTo("+15551235555");
	}

	@Test
	void conversationScopedWebhookBodiesMatchTheSpec() {
		String webhooks = "/v1/Conversations/{ConversationSid}/Webhooks";
		String path = conversationPath() + "/Webhooks";

		EmulatorClients.RawResponse studio = post(path, Map.entry("Target", "studio"),
				Map.entry("Configuration.FlowSid", "FW0123456789abcdef0123456789abcdef"),
				Map.entry("Configuration.ReplayAfter", "0"));
		assertConforms(CONVERSATIONS, webhooks, "post", studio);
		assertConforms(CONVERSATIONS, webhooks, "post",
				post(path, Map.entry("Target", "webhook"), Map.entry("Configuration.Url", "https://example.com/hook"),
						Map.entry("Configuration.Method", "GET"),
						Map.entry("Configuration.Filters", "onMessageAdded")));
		assertConforms(CONVERSATIONS, webhooks, "get", get(path));
		assertConforms(CONVERSATIONS, webhooks + "/{Sid}", "get",
				get(path + "/" + studio.body().get("sid").asString()));
		assertThat(studio.body().get("configuration").get("flow_sid").asString())
			.isEqualTo("FW0123456789abcdef0123456789abcdef");
	}

	@Test
	void participantConversationBodiesMatchTheSpec() {
		EmulatorClients.RawResponse listed = get("/conversations/v1/ParticipantConversations?Address=%2B15551230000");

		assertConforms(CONVERSATIONS, "/v1/ParticipantConversations", "get", listed);
		assertThat(listed.body().get("conversations")).singleElement().satisfies((row) -> {
			assertThat(row.get("conversation_sid").asString()).isEqualTo(conversationSid);
			assertThat(row.get("participant_messaging_binding").get("type").asString()).isEqualTo("sms");
			assertThat(row.get("participant_messaging_binding").get("address").asString()).isEqualTo(CUSTOMER);
			assertThat(row.get("participant_messaging_binding").get("proxy_address").asString())
				.isEqualTo(TWILIO_NUMBER);
		});
		assertThat(listed.body().get("meta").get("url").asString()).isEqualTo(
				"https://conversations.twilio.com/v1/ParticipantConversations?Address=%2B15551230000&PageSize=50&Page=0");
	}

	@Test
	void checkerFlagsARenamedFieldAndAWrongType() {
		JsonNode schema = PROXY.responseSchema("/v1/Services/{ServiceSid}/Sessions/{Sid}", "get", 200);
		ObjectNode renamed = (ObjectNode) get(sessionsPath() + "/" + sessionSid).body().deepCopy();
		renamed.set("uniqueName", renamed.remove("unique_name"));
		ObjectNode retyped = (ObjectNode) get(sessionsPath() + "/" + sessionSid).body().deepCopy();
		retyped.put("ttl", "3600");
		ObjectNode nulled = (ObjectNode) get(sessionsPath() + "/" + sessionSid).body().deepCopy();
		nulled.putNull("status");

		assertThat(PROXY.violations(renamed, schema, "session"))
			.containsExactlyInAnyOrder("session.unique_name is missing", "session.uniqueName is not in the schema");
		assertThat(PROXY.violations(retyped, schema, "session")).singleElement().asString().contains("ttl");
		assertThat(PROXY.violations(nulled, schema, "session")).singleElement().asString().contains("status");
	}

	/**
	 * The spec leaves {@code routing} untyped; TaskRouter's task has epoch-second dates
	 * and a JSON-string {@code attributes}, as the spec's example shows.
	 */
	private static void assertRoutingPropertiesAreTaskRouters(JsonNode properties) {
		assertThat(properties.get("sid").asString()).matches("^WT[0-9a-f]{32}$");
		assertThat(properties.get("date_created").isIntegralNumber()).isTrue();
		assertThat(properties.get("date_updated").isIntegralNumber()).isTrue();
		assertThat(properties.get("priority").isIntegralNumber()).isTrue();
		assertThat(properties.get("timeout").isIntegralNumber()).isTrue();
		assertThat(properties.get("age").isIntegralNumber()).isTrue();
		assertThat(properties.get("attributes").isString()).isTrue();
		assertThat(Json.MAPPER.readTree(properties.get("attributes").asString()).get("conversationSid").asString())
			.matches("^CH[0-9a-f]{32}$");
		assertThat(properties.propertyNames()).contains("workspace_sid", "workflow_sid", "queue_sid", "worker_sid",
				"task_channel_unique_name", "assignment_status");
	}

	private static void assertConforms(OpenApiSpec spec, String specPath, String method,
			EmulatorClients.RawResponse response) {
		assertConforms(spec, specPath, method, response.status(), response);
	}

	private static void assertConforms(OpenApiSpec spec, String specPath, String method, int specStatus,
			EmulatorClients.RawResponse response) {
		JsonNode schema = spec.responseSchema(specPath, method, specStatus);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(spec.violations(response.body(), schema, method.toUpperCase() + " " + specPath)).isEmpty();
		if (response.body().has("meta")) {
			assertThat(response.body().get("meta").get("key").asString()).isEqualTo(response.body()
				.propertyNames()
				.stream()
				.filter((name) -> !name.equals("meta"))
				.findFirst()
				.orElseThrow());
		}
	}

	private static EmulatorClients.RawResponse get(String path) {
		EmulatorClients.RawResponse response = EmulatorClients.get(emulator, path);
		assertThat(response.status()).as("GET " + path + " " + response.body()).isEqualTo(200);
		return response;
	}

	@SafeVarargs
	private static EmulatorClients.RawResponse post(String path, Map.Entry<String, String>... fields) {
		EmulatorClients.RawResponse response = EmulatorClients.post(emulator, path, List.of(fields));
		assertThat(response.status()).as("POST " + path + " " + response.body()).isIn(200, 201);
		return response;
	}

	private static JsonNode created(EmulatorClients.RawResponse response) {
		assertThat(response.status()).isEqualTo(201);
		return response.body();
	}

	private static String interactionFor(String customer) {
		return post("/flex-api/v1/Interactions", Map.entry("Channel", INTERACTION_CHANNEL.replace(CUSTOMER, customer)),
				Map.entry("Routing", INTERACTION_ROUTING))
			.body()
			.get("sid")
			.asString();
	}

	private static String participant(String identifier) {
		return "{\"Identifier\":\"" + identifier + "\",\"ProxyIdentifier\":\"" + TWILIO_NUMBER + "\"}";
	}

	private static String sessionsPath() {
		return "/proxy/v1/Services/" + emulator.defaultProxyServiceSid() + "/Sessions";
	}

	private static String chatChannelPath() {
		return "/chat/v2/Services/" + flow.chatServiceSid() + "/Channels/" + channelSid;
	}

	private static String conversationPath() {
		return "/conversations/v1/Conversations/" + conversationSid;
	}

	private static String messagesPath() {
		return chatChannelPath() + "/Messages";
	}

}
