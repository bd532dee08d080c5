package com.outboundsms.worker.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.TransientFailure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ResultEventMessageTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final Instant COMPLETED_AT = Instant.parse("2026-11-23T10:15:30.123Z");

	private static final Map<Sid, String> LEGACY_SIDS = Map.of(Sid.FLEX_FLOW, "FO0001", Sid.CHAT_SERVICE, "IS0001",
			Sid.CHAT_CHANNEL, "CH0001", Sid.TASK, "WT0001", Sid.PROXY_SESSION, "KC0001", Sid.CHAT_MESSAGE, "IM0001");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesACreatedEventWithTheContractsFieldsAndFlatSids() {
		ResultEvent event = ResultEvent.of(request(Map.of("ticketId", "4711")),
				new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR, LEGACY_SIDS, COMPLETED_AT), 1);

		Map<String, Object> written = read(event);

		assertThat(written).containsOnly(Map.entry("requestId", "crm-ticket-4711"), Map.entry("outcome", "CREATED"),
				Map.entry("backend", "flex-legacy"), Map.entry("fromNumber", "+15005550006"),
				Map.entry("toNumber", "+14155552671"), Map.entry("flexFlowSid", "FO0001"),
				Map.entry("chatChannelSid", "CH0001"), Map.entry("proxySessionSid", "KC0001"),
				Map.entry("taskSid", "WT0001"), Map.entry("chatMessageSid", "IM0001"),
				Map.entry("metadata", Map.of("ticketId", "4711")), Map.entry("attempts", 1),
				Map.entry("completedAt", "2026-11-23T10:15:30.123Z"));
	}

	@Test
	void putsTheEnvelopeFirstAndTheMetadataAttemptsAndTimeLast() {
		ResultEvent event = ResultEvent.of(request(Map.of("ticketId", "4711")),
				new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR, LEGACY_SIDS, COMPLETED_AT), 1);

		List<String> fields = List.copyOf(read(event).keySet());

		assertThat(fields).containsExactly("requestId", "outcome", "backend", "fromNumber", "toNumber", "flexFlowSid",
				"chatChannelSid", "proxySessionSid", "taskSid", "chatMessageSid", "metadata", "attempts",
				"completedAt");
	}

	@Test
	void writesCompletedAtWithMillisecondsEvenOnAWholeSecond() {
		ResultEvent event = ResultEvent.of(request(null), new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR,
				LEGACY_SIDS, Instant.parse("2026-11-23T10:15:30Z")), 1);

		assertThat(read(event)).containsEntry("completedAt", "2026-11-23T10:15:30.000Z");
	}

	@Test
	void leavesOutTheInternalChatServiceSid() {
		ResultEvent event = ResultEvent.of(request(null),
				new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR, LEGACY_SIDS, COMPLETED_AT), 1);

		String written = write(event);

		assertThat(written).doesNotContain("IS0001").doesNotContain("chatService");
	}

	@Test
	void leavesOutFieldsThatDoNotApplyRatherThanWritingNull() {
		Map<Sid, String> withoutMessage = Map.of(Sid.FLEX_FLOW, "FO0001", Sid.CHAT_CHANNEL, "CH0001", Sid.PROXY_SESSION,
				"KC0001");
		ResultEvent event = ResultEvent.of(request(null),
				new StoredOutcome(Outcome.REUSED, "flex-legacy", PAIR, withoutMessage, COMPLETED_AT), 2);

		Map<String, Object> written = read(event);

		assertThat(written).containsOnlyKeys("requestId", "outcome", "backend", "fromNumber", "toNumber", "flexFlowSid",
				"chatChannelSid", "proxySessionSid", "attempts", "completedAt");
		assertThat(written).containsEntry("outcome", "REUSED").containsEntry("attempts", 2);
		assertThat(write(event)).doesNotContain("null");
	}

	@Test
	void writesTheConversationsSids() {
		Map<Sid, String> sids = Map.of(Sid.CONVERSATION, "CH0002", Sid.INTERACTION, "KD0002", Sid.INTERACTION_CHANNEL,
				"UO0002", Sid.TASK, "WT0002", Sid.MESSAGE, "IM0002");
		ResultEvent event = ResultEvent.of(request(null),
				new StoredOutcome(Outcome.CREATED, "flex-conversations", PAIR, sids, COMPLETED_AT), 1);

		Map<String, Object> written = read(event);

		assertThat(written).containsEntry("backend", "flex-conversations")
			.containsEntry("conversationSid", "CH0002")
			.containsEntry("interactionSid", "KD0002")
			.containsEntry("interactionChannelSid", "UO0002")
			.containsEntry("taskSid", "WT0002")
			.containsEntry("messageSid", "IM0002")
			.doesNotContainKeys("flexFlowSid", "chatChannelSid", "proxySessionSid", "chatMessageSid");
	}

	@Test
	void writesCompletedAtInUtcWithMilliseconds() {
		ResultEvent event = ResultEvent.of(request(null), new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR,
				LEGACY_SIDS, Instant.parse("2026-11-23T10:15:30.123456789Z")), 1);

		Map<String, Object> written = read(event);

		assertThat(written).containsEntry("completedAt", "2026-11-23T10:15:30.123Z");
	}

	@Test
	void echoesTheMetadataAsItWas() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("ticketId", "4711");
		metadata.put("campaign", Map.of("id", 12, "tags", List.of("spring", "vip")));
		metadata.put("note", "Jane \"JJ\" \uD83D\uDC69\nline two");
		metadata.put("archived", false);
		metadata.put("owner", null);
		ResultEvent event = ResultEvent.of(request(metadata),
				new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR, LEGACY_SIDS, COMPLETED_AT), 1);

		Map<String, Object> written = read(event);

		assertThat(written).containsEntry("metadata", metadata);
		assertThat(write(event)).contains("\"owner\":null");
	}

	@Test
	void writesAFailedEventWithTheErrorTwilioGave() {
		PermanentFailure rejected = new PermanentFailure(ErrorCode.TWILIO_REJECTED,
				"create the Proxy session: Twilio answered 400 with code 80404 (...)", 80404, 400, null);
		ResultEvent event = ResultEvent.failed("crm-ticket-4711", "flex-legacy", PAIR, Map.of("ticketId", "4711"),
				"spring-sale", rejected.detail(1), 1, COMPLETED_AT);

		Map<String, Object> written = read(event);

		assertThat(written.keySet()).containsExactly("requestId", "campaignId", "outcome", "backend", "fromNumber",
				"toNumber", "metadata", "attempts", "completedAt", "error");
		assertThat(written).containsEntry("campaignId", "spring-sale");
		assertThat(written).containsEntry("outcome", "FAILED");
		assertThat(written.get("error")).isEqualTo(Map.of("code", "TWILIO_REJECTED", "message",
				"create the Proxy session: Twilio answered 400 with code 80404 (...)", "retryable", false, "twilioCode",
				80404, "twilioStatus", 400));
		assertThat(write(event)).contains(
				"\"error\":{\"code\":\"TWILIO_REJECTED\",\"message\":\"create the Proxy session: Twilio answered 400 with code 80404 (...)\",\"retryable\":false,\"twilioCode\":80404,\"twilioStatus\":400}");
	}

	@Test
	void writesAFailedEventWithoutTwilioFieldsWhenTwilioDidNotAnswer() {
		ErrorDetail exhausted = new TransientFailure("Twilio unreachable (ConnectException)").detail(3);
		ResultEvent event = ResultEvent.failed("crm-ticket-4711", "flex-legacy", PAIR, null, null, exhausted, 3,
				COMPLETED_AT);

		Map<String, Object> written = read(event);

		assertThat(written.get("error")).isEqualTo(Map.of("code", "RETRIES_EXHAUSTED", "message",
				"gave up after 3 attempt(s); last cause: Twilio unreachable (ConnectException)", "retryable", true));
		assertThat(written).containsEntry("attempts", 3).doesNotContainKey("metadata");
	}

	@Test
	void writesAFailedEventWithoutNumbersWhenTheRequestHadNoValidOnes() {
		ErrorDetail invalid = ErrorDetail.of(ErrorCode.INVALID_REQUEST, "invalid request: fromNumber: is required");
		ResultEvent event = ResultEvent.failed("sha256:ab12", "flex-legacy", null, null, null, invalid, 1,
				COMPLETED_AT);

		Map<String, Object> written = read(event);

		assertThat(written.keySet()).containsExactly("requestId", "outcome", "backend", "attempts", "completedAt",
				"error");
		assertThat(written.get("error")).isEqualTo(Map.of("code", "INVALID_REQUEST", "message",
				"invalid request: fromNumber: is required", "retryable", false));
	}

	@Test
	void writesTheWholeEventInTheContractsOrder() {
		ResultEvent event = new ResultEvent("crm-ticket-4711", Outcome.CREATED, "flex-legacy", PAIR,
				Map.of(Sid.CHAT_CHANNEL, "CH0001", Sid.FLEX_FLOW, "FO0001"), Map.of("ticketId", "4711"), 2,
				COMPLETED_AT, null, new ErrorDetail(ErrorCode.TWILIO_REJECTED, "post the first message", 50504, 400),
				"spring-2027");

		assertThat(write(event)).isEqualTo("{\"requestId\":\"crm-ticket-4711\",\"campaignId\":\"spring-2027\","
				+ "\"outcome\":\"CREATED\","
				+ "\"backend\":\"flex-legacy\",\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\","
				+ "\"flexFlowSid\":\"FO0001\",\"chatChannelSid\":\"CH0001\",\"metadata\":{\"ticketId\":\"4711\"},"
				+ "\"attempts\":2,\"completedAt\":\"2026-11-23T10:15:30.123Z\",\"messageError\":{\"code\":\"TWILIO_REJECTED\","
				+ "\"message\":\"post the first message\",\"retryable\":false,\"twilioCode\":50504,\"twilioStatus\":400}}");
	}

	@Test
	void echoesTheRequestsCampaignIdAndLeavesItOutWhenThereIsNone() {
		OutboundSmsRequest ofCampaign = new OutboundSmsRequest("crm-ticket-4711", PAIR, "Jane", null, null, Map.of(),
				null, null, "spring-2027");
		StoredOutcome created = new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR, LEGACY_SIDS, COMPLETED_AT);

		assertThat(read(ResultEvent.of(ofCampaign, created, 1))).containsEntry("campaignId", "spring-2027");
		assertThat(read(ResultEvent.of(request(null), created, 1))).doesNotContainKey("campaignId");
	}

	@Test
	void saysNotifyForANotifyRequestAndNothingForATaskRequest() {
		OutboundSmsRequest reminder = new OutboundSmsRequest("reminder-1", PAIR, "Jane", null, "Tomorrow at 10.",
				Map.of(), null, null, "spring-2027", OutreachMode.NOTIFY);
		StoredOutcome created = new StoredOutcome(Outcome.CREATED, "flex-conversations", PAIR, Map.of(Sid.CONVERSATION,
				"CH0001", Sid.PARTICIPANT, "MB0001", Sid.STUDIO_WEBHOOK, "WH0001", Sid.MESSAGE, "IM0001"),
				COMPLETED_AT);

		Map<String, Object> notify = read(ResultEvent.of(reminder, created, 1));

		assertThat(notify).containsEntry("mode", "notify")
			.containsEntry("conversationSid", "CH0001")
			.containsEntry("messageSid", "IM0001")
			.doesNotContainKeys("taskSid", "interactionSid", "participantSid", "studioWebhookSid");
		assertThat(read(ResultEvent.of(request(null), created, 1))).doesNotContainKey("mode");
	}

	private Map<String, Object> read(ResultEvent event) {
		return this.json.readValue(write(event), new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	private String write(ResultEvent event) {
		return this.json.writeValueAsString(ResultEventMessage.of(event));
	}

	private static OutboundSmsRequest request(@Nullable Map<String, @Nullable Object> metadata) {
		return new OutboundSmsRequest("crm-ticket-4711", PAIR, "Jane", null, null, Map.of(), metadata);
	}

}
