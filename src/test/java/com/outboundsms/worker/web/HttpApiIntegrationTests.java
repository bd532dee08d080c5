package com.outboundsms.worker.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.outboundsms.worker.CapturedMessages;
import com.outboundsms.worker.ContractSchemas;
import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.LaneRecorder;
import com.outboundsms.worker.RequestBodies;
import com.outboundsms.worker.TestNumbers;
import com.outboundsms.worker.emulator.FlexChannel;
import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.FlexToken;
import com.outboundsms.worker.emulator.ProxySession;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.Lane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP door end to end over loopback: a Flex plugin's or a CRM's call in, the worker
 * behind it against the real broker and database and the emulator, answers held to the
 * door's OpenAPI document.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@Import({ CapturedMessages.class, LaneRecorder.class })
@TestPropertySource(properties = "outbound-sms.http.api-tokens=" + HttpApiIntegrationTests.API_TOKEN)
class HttpApiIntegrationTests {

	static final String API_TOKEN = "test-door-api-token";

	private static final String POST = ApiCalls.POST;

	private static final String GET = ApiCalls.GET;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	LaneRecorder lanes;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@AfterEach
	void resetFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void publishesToTheInteractiveLane() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String body = RequestBodies.json(RequestBodies.minimal("door-lane-1", from, TestNumbers.customerNumber()));

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms?wait=10s", body, bearer());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(this.lanes.lanesOf("door-lane-1")).containsExactly(Lane.INTERACTIVE);
	}

	@Test
	void acceptsTheFunctionsOwnBodyWithAFlexTokenAndMakesWhatTheQueuePathMakes() throws Exception {
		String from = TestNumbers.twilioNumber();
		String viaHttp = TestNumbers.customerNumber();
		String viaQueue = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		FlexToken agent = this.emulator.issueFlexToken("agent@example.com", Duration.ofHours(1));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fromNumber", from);
		body.put("toName", "Jane");
		body.put("toNumber", viaHttp);
		body.put("Token", agent.token());

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms", RequestBodies.json(body), Map.of());

		assertThat(answer.statusCode()).isEqualTo(202);
		JsonNode accepted = JSON.readTree(answer.body());
		String requestId = accepted.path("requestId").asString();
		assertThat(answer.headers().firstValue("Location")).contains("/v1/outbound-sms/" + requestId);
		assertThat(accepted.path("status").asString()).isEqualTo("PENDING");
		JsonNode httpResult = this.taps.awaitResult(requestId);
		Map<String, Object> queued = new LinkedHashMap<>(body);
		queued.remove("Token");
		queued.put("toNumber", viaQueue);
		queued.put("requestId", "door-queue-twin-" + UUID.randomUUID());
		this.taps.publish(RequestBodies.json(queued), null);
		JsonNode queueResult = this.taps.awaitResult((String) queued.get("requestId"));
		assertThat(httpResult.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(queueResult.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(fieldNames(httpResult)).isEqualTo(fieldNames(queueResult));
		FlexChannel httpChannel = onlyChannel(flow, viaHttp);
		FlexChannel queueChannel = onlyChannel(flow, viaQueue);
		assertThat(taskAttributes(httpChannel).keySet()).isEqualTo(taskAttributes(queueChannel).keySet());
		assertThat(taskAttributes(httpChannel)).doesNotContainKey("Token");
		ProxySession httpSession = this.emulator.session(httpResult.path("proxySessionSid").asString()).orElseThrow();
		ProxySession queueSession = this.emulator.session(queueResult.path("proxySessionSid").asString()).orElseThrow();
		assertThat(httpSession.mode()).isEqualTo(queueSession.mode());
		assertThat(httpSession.uniqueName()).isEqualTo(httpChannel.sid());
		assertThat(httpSession.participants()).extracting((participant) -> participant.identifier())
			.containsExactlyInAnyOrder(viaHttp, httpChannel.sid());
	}

	@Test
	void waitsForTheResultAndAnswersWithTheFunctionsChannelAndSession() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("door-wait-" + UUID.randomUUID(), from, to);
		body.put("initialNotificationMessage", "Hello from the clinic");
		body.put("metadata", Map.of("ticketId", "4711"));

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms?wait=10s", RequestBodies.json(body), bearer());

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode result = JSON.readTree(answer.body());
		assertThat(result.path("requestId").asString()).isEqualTo(body.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("metadata").path("ticketId").asString()).isEqualTo("4711");
		String channelSid = result.path("chatChannelSid").asString();
		FlexChannel channel = onlyChannel(flow, to);
		JsonNode chatChannel = result.path("chatChannel");
		assertThat(chatChannel.path("sid").asString()).isEqualTo(channelSid).isEqualTo(channel.sid());
		assertThat(chatChannel.path("task_sid").asString()).isEqualTo(channel.taskSid());
		assertThat(chatChannel.path("flex_flow_sid").asString()).isEqualTo(flow.sid());
		assertThat(chatChannel.path("url").asString()).endsWith("/v1/Channels/" + channelSid);
		ProxySession session = this.emulator.session(result.path("proxySessionSid").asString()).orElseThrow();
		JsonNode proxySession = result.path("proxySession");
		assertThat(proxySession.path("sid").asString()).isEqualTo(session.sid());
		assertThat(proxySession.path("service_sid").asString()).isEqualTo(session.serviceSid());
		assertThat(proxySession.path("unique_name").asString()).isEqualTo(session.uniqueName());
		assertThat(proxySession.path("mode").asString()).isEqualTo(session.mode());
		assertThat(proxySession.path("status").asString()).isEqualTo(session.status());
		ObjectNode event = (ObjectNode) result.deepCopy();
		event.remove(List.of("chatChannel", "proxySession"));
		assertThat(ContractSchemas.resultViolations(JSON.writeValueAsBytes(event))).isEmpty();

		HttpResponse<String> status = send(GET, "/v1/outbound-sms/" + body.get("requestId"), null, bearer());

		assertThat(status.statusCode()).isEqualTo(200);
		JsonNode state = JSON.readTree(status.body());
		assertThat(state.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(state.path("chatChannelSid").asString()).isEqualTo(channelSid);
		assertThat(state.path("proxySession").path("sid").asString()).isEqualTo(session.sid());
	}

	@Test
	void answersAcceptedWhenTheWaitRunsOutAndTheStatusLaterTellsTheOutcome() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().latency("POST", "/flex-api/v1/Channels", Duration.ofSeconds(3));
		String requestId = "door-timeout-" + UUID.randomUUID();

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms?wait=1s",
				RequestBodies.json(RequestBodies.minimal(requestId, from, to)), bearer());

		assertThat(answer.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(answer.body()).path("requestId").asString()).isEqualTo(requestId);
		assertThat(answer.headers().firstValue("Location")).contains("/v1/outbound-sms/" + requestId);
		HttpResponse<String> pending = send(GET, "/v1/outbound-sms/" + requestId, null, bearer());
		assertThat(JSON.readTree(pending.body()).path("status").asString()).isEqualTo("PENDING");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> status = send(GET, "/v1/outbound-sms/" + requestId, null, bearer());
			assertThat(JSON.readTree(status.body()).path("status").asString()).isEqualTo("COMPLETED");
		});
	}

	@Test
	void theStatusOfAFailedRequestGivesItsErrorCode() throws Exception {
		String requestId = "door-no-flow-" + UUID.randomUUID();
		HttpResponse<String> answer = send(POST, "/v1/outbound-sms?wait=10s",
				RequestBodies
					.json(RequestBodies.minimal(requestId, TestNumbers.twilioNumber(), TestNumbers.customerNumber())),
				bearer());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(answer.body()).path("error").path("code").asString()).isEqualTo("FLEX_FLOW_NOT_FOUND");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode state = JSON.readTree(send(GET, "/v1/outbound-sms/" + requestId, null, bearer()).body());
			assertThat(state.path("status").asString()).isEqualTo("FAILED");
			assertThat(state.path("error").path("code").asString()).isEqualTo("FLEX_FLOW_NOT_FOUND");
		});
		assertThat(send(GET, "/v1/outbound-sms/never-sent-" + UUID.randomUUID(), null, bearer()).statusCode())
			.isEqualTo(404);
	}

	@Test // #15
	void answersAnOptedOutRequestFailedWithWhatItMadeEveryTimeItIsAsked() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String requestId = "door-opted-out-" + UUID.randomUUID();
		Map<String, Object> body = RequestBodies.minimal(requestId, from, TestNumbers.customerNumber());
		body.put("initialNotificationMessage", "Your appointment is tomorrow");
		this.emulator.faults().failNext("POST", ".*/Messages", 400, 21610, "Attempt to send to unsubscribed recipient");

		JsonNode first = JSON
			.readTree(send(POST, "/v1/outbound-sms?wait=10s", RequestBodies.json(body), keyed(requestId)).body());
		JsonNode again = JSON
			.readTree(send(POST, "/v1/outbound-sms?wait=10s", RequestBodies.json(body), keyed(requestId)).body());
		JsonNode state = JSON.readTree(send(GET, "/v1/outbound-sms/" + requestId, null, bearer()).body());

		assertThat(first.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(first.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(first.path("chatChannelSid").isString()).isTrue();
		assertThat(first.has("chatChannel")).isFalse();
		assertThat(again.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(again.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(again.path("chatChannelSid")).isEqualTo(first.path("chatChannelSid"));
		assertThat(state.path("status").asString()).isEqualTo("FAILED");
		assertThat(state.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(this.emulator.requests("POST", ".*/Messages"))
			.filteredOn((request) -> request.path().contains(first.path("chatChannelSid").asString()))
			.hasSize(1);
	}

	@Test
	void refusesCallsWithoutAValidTokenAndQueuesNothing() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		FlexToken expired = this.emulator.issueFlexToken("agent@example.com", Duration.ofMinutes(-1));
		String requestId = "door-bad-token-" + UUID.randomUUID();
		String body = RequestBodies.json(RequestBodies.minimal(requestId, from, to));

		List<HttpResponse<String>> answers = List.of(send(POST, "/v1/outbound-sms", body, Map.of()),
				send(POST, "/v1/outbound-sms", body, Map.of("Authorization", "Bearer not-the-token")),
				send(POST, "/v1/outbound-sms", body, Map.of("X-Flex-Token", "unknown-flex-token")),
				send(POST, "/v1/outbound-sms", body, Map.of("X-Flex-Token", expired.token())),
				send(GET, "/v1/outbound-sms/" + requestId, null, Map.of("Authorization", "Bearer " + API_TOKEN + "x")));

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.body()).doesNotContain(expired.token());
		});
		assertThat(send(GET, "/v1/outbound-sms/" + requestId, null, bearer()).statusCode()).isEqualTo(404);
		assertThat(this.emulator.flexChannels()).noneMatch((channel) -> channel.flexFlowSid().equals(flow.sid()));
	}

	@Test
	void answersEveryValidationErrorAtOnceAndQueuesNothing() throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", "door-invalid-" + UUID.randomUUID());
		body.put("fromNumber", "+15555550100");
		body.put("toNumber", "not a number");
		body.put("sourceChatChannelSid", "CH123");
		body.put("initialNotificationMessage", "x".repeat(1601));
		body.put("taskAttributes", List.of(1));
		body.put("metadata", "not an object");

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms?wait=31s", RequestBodies.json(body),
				Map.of("Authorization", "Bearer " + API_TOKEN, "Idempotency-Key", "has spaces"));

		assertThat(answer.statusCode()).isEqualTo(400);
		JsonNode errors = JSON.readTree(answer.body()).path("errors");
		List<String> fields = new ArrayList<>();
		errors.forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("wait", "Idempotency-Key", "fromNumber", "toNumber", "toName",
				"sourceChatChannelSid", "initialNotificationMessage", "taskAttributes", "metadata");
		assertThat(send(GET, "/v1/outbound-sms/" + body.get("requestId"), null, bearer()).statusCode()).isEqualTo(404);
	}

	@Test
	void theSameIdempotencyKeyTwiceMakesOneOutreach() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("unused", from, to);
		body.remove("requestId");
		String key = "crm-" + UUID.randomUUID();
		Map<String, String> headers = keyed(key);

		HttpResponse<String> first = send(POST, "/v1/outbound-sms?wait=10s", RequestBodies.json(body), headers);
		HttpResponse<String> second = send(POST, "/v1/outbound-sms?wait=10s", RequestBodies.json(body), headers);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		JsonNode one = JSON.readTree(first.body());
		JsonNode two = JSON.readTree(second.body());
		assertThat(one.path("requestId").asString()).isEqualTo(key);
		assertThat(two.path("requestId").asString()).isEqualTo(key);
		assertThat(two.path("outcome").asString()).isEqualTo(one.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(two.path("chatChannelSid").asString()).isEqualTo(one.path("chatChannelSid").asString());
		assertThat(two.path("proxySessionSid").asString()).isEqualTo(one.path("proxySessionSid").asString());
		assertThat(this.emulator.flexChannels()).filteredOn((channel) -> channel.flexFlowSid().equals(flow.sid()))
			.hasSize(1);
		assertThat(channelCreates(to)).isEqualTo(1);
	}

	@Test
	void refusesARequestIdCompletedForAnotherPairAndAnswersItsOwnPairFromTheStore() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		String otherTo = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		String requestId = "door-reused-" + UUID.randomUUID();
		Map<String, String> headers = keyed(requestId);
		JsonNode first = JSON.readTree(send(POST, "/v1/outbound-sms?wait=10s",
				RequestBodies.json(RequestBodies.minimal(requestId, from, to)), headers)
			.body());

		HttpResponse<String> otherPair = send(POST, "/v1/outbound-sms?wait=10s",
				RequestBodies.json(RequestBodies.minimal(requestId, from, otherTo)), headers);
		HttpResponse<String> samePair = send(POST, "/v1/outbound-sms", RequestBodies.json(renamed(requestId, from, to)),
				headers);

		assertThat(first.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(otherPair.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(otherPair.body()).path("error").asString()).isEqualTo("REQUEST_ID_CONFLICT");
		assertThat(samePair.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(samePair.body()).path("chatChannelSid").asString())
			.isEqualTo(first.path("chatChannelSid").asString());
		assertThat(channelCreates(otherTo)).isZero();
	}

	@Test
	void refusesARequestIdPendingForAnotherPairAndAcceptsItAgainForItsOwn() throws Exception {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		String otherTo = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		// the first request stays pending while the test sends the others
		this.emulator.faults().latency("POST", "/flex-api/v1/Channels", Duration.ofSeconds(2));
		String requestId = "door-pending-" + UUID.randomUUID();
		Map<String, String> headers = keyed(requestId);

		HttpResponse<String> first = send(POST, "/v1/outbound-sms",
				RequestBodies.json(RequestBodies.minimal(requestId, from, to)), headers);
		HttpResponse<String> otherPair = send(POST, "/v1/outbound-sms",
				RequestBodies.json(RequestBodies.minimal(requestId, from, otherTo)), headers);
		HttpResponse<String> samePair = send(POST, "/v1/outbound-sms", RequestBodies.json(renamed(requestId, from, to)),
				headers);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(otherPair.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(otherPair.body()).path("error").asString()).isEqualTo("REQUEST_ID_CONFLICT");
		assertThat(samePair.statusCode()).isEqualTo(202);
		assertThat(this.taps.awaitResult(requestId).path("toNumber").asString()).isEqualTo(to);
		assertThat(channelCreates(otherTo)).isZero();
	}

	@Test
	void refusesABodyOver64KiB() throws Exception {
		Map<String, Object> body = RequestBodies.minimal("door-large", TestNumbers.twilioNumber(),
				TestNumbers.customerNumber());
		body.put("metadata", Map.of("padding", "x".repeat(70_000)));

		HttpResponse<String> answer = send(POST, "/v1/outbound-sms", RequestBodies.json(body), bearer());

		assertThat(answer.statusCode()).isEqualTo(413);
	}

	@Test
	void corsIsClosedByDefault() throws Exception {
		HttpResponse<String> preflight = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/outbound-sms"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://crm.example.com")
				.header("Access-Control-Request-Method", "POST")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test // #15
	void servesNoConversationEventsUnlessTheirWebhookIsConfigured() throws Exception {
		HttpRequest event = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + ConversationEventsController.PATH))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(ConversationEventsController.SIGNATURE, "c2lnbmVk")
			.POST(HttpRequest.BodyPublishers.ofString("EventType=onConversationStateUpdated&StateTo=closed"))
			.build();

		HttpResponse<String> answer = this.http.send(event, HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(404);
	}

	@Test
	void theOpenApiDocumentDescribesEveryMappingAndItsParameters() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			if (method.getBeanType() != OutboundSmsController.class && method.getBeanType() != CampaignController.class
					&& method.getBeanType() != ConversationEventsController.class) {
				return;
			}
			for (String path : info.getPatternValues()) {
				info.getMethodsCondition().getMethods().forEach((verb) -> {
					String operation = verb.name() + " " + path;
					mapped.add(operation);
					assertThat(HttpApiContract.parameters(operation)).as(operation)
						.containsAll(declaredParameters(method.getMethodParameters()));
				});
			}
		});

		assertThat(mapped).isEqualTo(HttpApiContract.operations());
		assertThat(HttpApiContract.statuses(POST)).containsExactly(200, 202, 400, 401, 409, 413, 429, 503);
		assertThat(HttpApiContract.statuses(GET)).containsExactly(200, 401, 404, 429, 503);
	}

	private static Set<String> declaredParameters(MethodParameter[] parameters) {
		Set<String> declared = new TreeSet<>();
		for (MethodParameter parameter : parameters) {
			RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
			RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
			PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
			if (query != null) {
				declared.add("query:" + query.name());
			}
			if (header != null) {
				declared.add("header:" + header.name().toLowerCase(Locale.ROOT));
			}
			if (path != null) {
				declared.add("path:" + parameter.getParameterName());
			}
		}
		return declared;
	}

	private long channelCreates(String to) {
		return this.emulator.requests("POST", "/flex-api/v1/Channels")
			.stream()
			.filter((request) -> to.equals(request.form().first("Target")))
			.count();
	}

	/** The same request with another name for the customer. */
	private static Map<String, Object> renamed(String requestId, String from, String to) {
		Map<String, Object> body = RequestBodies.minimal(requestId, from, to);
		body.put("toName", "Someone Else");
		return body;
	}

	private Map<String, String> keyed(String idempotencyKey) {
		return Map.of("Authorization", "Bearer " + API_TOKEN, "Idempotency-Key", idempotencyKey);
	}

	private Map<String, String> bearer() {
		return Map.of("Authorization", "Bearer " + API_TOKEN);
	}

	private HttpResponse<String> send(String operation, String pathAndQuery, String body, Map<String, String> headers)
			throws IOException, InterruptedException {
		return new ApiCalls(this.port).send(operation, pathAndQuery, body, headers);
	}

	private FlexChannel onlyChannel(FlexFlow flow, String to) {
		List<FlexChannel> channels = this.emulator.flexChannels()
			.stream()
			.filter((channel) -> channel.flexFlowSid().equals(flow.sid()) && to.equals(channel.target()))
			.toList();
		assertThat(channels).hasSize(1);
		return channels.get(0);
	}

	private Map<String, Object> taskAttributes(FlexChannel channel) {
		String json = this.emulator.task(channel.taskSid()).orElseThrow().attributesJson();
		return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	private static Set<String> fieldNames(JsonNode node) {
		Set<String> names = new TreeSet<>();
		node.propertyNames().forEach(names::add);
		names.remove("requestId");
		return names;
	}

}
