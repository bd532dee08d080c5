package com.outboundsms.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.outboundsms.worker.outbound.ResultEventMessage;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.StoredOutcome;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RequestReaderTests {

	private static final int MAX_BODY = 64 * 1024;

	private static final String JSON = "application/json";

	private static final String CHANNEL_SID = "CH0123456789abcdef0123456789ABCDEF";

	private static final String FUNCTION_BODY = "{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"toNumber\":\"+14155552671\"}";

	private final RequestReader reader = new RequestReader(new PhoneNumbers("US"), MAX_BODY);

	@Test
	void acceptsAValidRequestWithEveryField() {
		String body = """
				{"requestId": "crm-ticket-4711",
				 "fromNumber": "+15005550006",
				 "toNumber": "(415) 555-2671",
				 "toName": "Jane Doe",
				 "sourceChatChannelSid": "%s",
				 "initialNotificationMessage": "Hello Jane, this is Owl Bank.",
				 "taskAttributes": {"priority": 5, "tags": ["vip"], "customer": {"tier": "gold"}},
				 "metadata": {"ticketId": "4711", "campaign": 12}}
				""".formatted(CHANNEL_SID);

		OutboundSmsRequest request = accepted(body);

		assertThat(request.requestId()).isEqualTo("crm-ticket-4711");
		assertThat(request.pair()).isEqualTo(new NumberPair("+15005550006", "+14155552671"));
		assertThat(request.toName()).isEqualTo("Jane Doe");
		assertThat(request.sourceChatChannelSid()).isEqualTo(CHANNEL_SID);
		assertThat(request.initialNotificationMessage()).isEqualTo("Hello Jane, this is Owl Bank.");
		assertThat(request.taskAttributes()).containsOnlyKeys("priority", "tags", "customer")
			.containsEntry("tags", List.of("vip"))
			.containsEntry("customer", Map.of("tier", "gold"));
		assertThat(request.taskAttributes().get("priority")).asString().isEqualTo("5");
		assertThat(request.metadata()).isNotNull().satisfies((metadata) -> {
			assertThat(metadata).containsOnlyKeys("ticketId", "campaign").containsEntry("ticketId", "4711");
			assertThat(metadata.get("campaign")).asString().isEqualTo("12");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "(415) 555-2671", "415-555-2671", "4155552671", "+1 415 555 2671", "1 (415) 555-2671" })
	void normalizesNumbersToE164WithTheDefaultRegion(String written) {
		String body = "{\"fromNumber\":\"+15005550006\",\"toNumber\":\"" + written + "\",\"toName\":\"Jane\"}";

		OutboundSmsRequest request = accepted(body);

		assertThat(request.toNumber()).isEqualTo("+14155552671");
	}

	@Test
	void acceptsTheBodyTheTwilioFunctionAcceptedWithItsExtraFields() {
		String body = """
				{"fromNumber":"+15005550006","toName":"Jane","toNumber":"+14155552671",
				 "Token":"eyJhbGciOi...","request":{"headers":{"x-twilio-signature":"abc"}},"channelType":"sms"}
				""";

		OutboundSmsRequest request = accepted(body);

		assertThat(request.pair()).isEqualTo(new NumberPair("+15005550006", "+14155552671"));
		assertThat(request.toName()).isEqualTo("Jane");
		assertThat(request.sourceChatChannelSid()).isNull();
		assertThat(request.initialNotificationMessage()).isNull();
		assertThat(request.taskAttributes()).isEmpty();
		assertThat(request.metadata()).isNull();
	}

	@Test
	void acceptsTheTwilioFunctionBodyAsItIs() {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), null, JSON);

		assertThat(intake).isInstanceOf(Intake.Accepted.class);
	}

	@Test
	void acceptsNullForOptionalFields() {
		String body = """
				{"fromNumber":"+15005550006","toName":"Jane","toNumber":"+14155552671","requestId":null,
				 "sourceChatChannelSid":null,"initialNotificationMessage":null,"taskAttributes":null,"metadata":null}
				""";

		OutboundSmsRequest request = accepted(body);

		assertThat(request.sourceChatChannelSid()).isNull();
		assertThat(request.metadata()).isNull();
		assertThat(request.requestId()).startsWith("sha256:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+15555550100", "+447700900123", "12", "not a number", "+1415555267199999" })
	void rejectsNumbersThatAreNotValid(String number) {
		String body = "{\"fromNumber\":\"" + number + "\",\"toNumber\":\"" + number + "\",\"toName\":\"Jane\"}";

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors()).containsExactlyInAnyOrder(
				new FieldError("fromNumber", "is not a valid phone number"),
				new FieldError("toNumber", "is not a valid phone number"));
		assertThat(rejected.pair()).isNull();
	}

	@Test
	void rejectsAToNumberThatIsTheFromNumberOnceNormalized() {
		String body = "{\"fromNumber\":\"+14155552671\",\"toNumber\":\"(415) 555-2671\",\"toName\":\"Jane\"}";

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors()).containsExactly(new FieldError("toNumber", "must differ from fromNumber"));
		assertThat(rejected.pair()).isNull();
	}

	@Test
	void readsTheModeTaskByDefault() {
		assertThat(accepted(FUNCTION_BODY).mode()).isEqualTo(OutreachMode.TASK);
		assertThat(accepted(withField("mode", "\"task\"")).mode()).isEqualTo(OutreachMode.TASK);
		assertThat(accepted(withField("mode", "null")).mode()).isEqualTo(OutreachMode.TASK);
	}

	@Test
	void readsANotifyRequestWithItsMessage() {
		OutboundSmsRequest request = accepted(
				"{\"fromNumber\":\"+14155552671\",\"toNumber\":\"+14155550100\",\"toName\":\"Jane\",\"mode\":\"notify\","
						+ "\"initialNotificationMessage\":\"Your appointment is tomorrow at 10.\"}");

		assertThat(request.mode()).isEqualTo(OutreachMode.NOTIFY);
		assertThat(request.initialNotificationMessage()).isNotNull();
	}

	@Test
	void rejectsANotifyRequestWithoutAMessage() {
		Intake.Rejected rejected = rejected(
				"{\"fromNumber\":\"+14155552671\",\"toNumber\":\"+14155550100\",\"toName\":\"Jane\",\"mode\":\"notify\"}");

		assertThat(rejected.errors())
			.containsExactly(new FieldError("initialNotificationMessage", "is required in notify mode"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"NOTIFY\"", "\"reminder\"", "1", "true" })
	void rejectsAnUnknownMode(String mode) {
		assertThat(rejected(withField("mode", mode)).errors()).extracting(FieldError::field).containsExactly("mode");
	}

	@Test
	void readsACampaignId() {
		OutboundSmsRequest request = accepted(withField("campaignId", "\"spring-2027:wave_1.a\""));

		assertThat(request.campaignId()).isEqualTo("spring-2027:wave_1.a");
	}

	@Test
	void readsARequestWithoutACampaignIdAsOfNoCampaign() {
		assertThat(accepted(FUNCTION_BODY).campaignId()).isNull();
		assertThat(accepted(withField("campaignId", "null")).campaignId()).isNull();
	}

	@Test
	void acceptsACampaignIdOf64Characters() {
		assertThat(accepted(withField("campaignId", "\"" + "c".repeat(64) + "\"")).campaignId()).hasSize(64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "\"spring sale\"", "\"spring/sale\"", "\"printemps-été\"", "42", "{}" })
	void rejectsACampaignIdOutsideTheRule(String campaignId) {
		Intake.Rejected rejected = rejected(withField("campaignId", campaignId));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("campaignId");
		assertThat(rejected.campaignId()).isNull();
	}

	@Test
	void rejectsACampaignIdOf65CharactersWithTheRule() {
		Intake.Rejected rejected = rejected(withField("campaignId", "\"" + "c".repeat(65) + "\""));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("campaignId", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -"));
	}

	@Test
	void keepsAValidCampaignIdOfARejectedRequestForItsFailedResult() {
		Intake.Rejected rejected = rejected(
				"{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"campaignId\":\"spring-2027\"}");

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("toName");
		assertThat(rejected.campaignId()).isEqualTo("spring-2027");
	}

	@Test
	void takesTheRequestIdFromTheBodyFirst() {
		String body = withField("requestId", "\"crm-ticket-4711\"");

		Intake intake = this.reader.read(bytes(body), "amqp-message-1", JSON);

		assertThat(intake.requestId()).isEqualTo("crm-ticket-4711");
	}

	@Test
	void takesTheRequestIdFromTheAmqpMessageIdWhenTheBodyHasNone() {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), "amqp-message-1", JSON);

		assertThat(intake.requestId()).isEqualTo("amqp-message-1");
	}

	@Test
	void derivesTheRequestIdFromADigestOfTheBodyWhenNothingElseNamesIt() {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), null, JSON);

		assertThat(intake.requestId())
			.isEqualTo("sha256:48a45aaf33a5c74aac3dc523a36622aaae626a5a25bb1e760342986fd4d8c83d");
	}

	@Test
	void derivesTheSameRequestIdForTheSameBodyAndAnotherForAnotherBody() {
		Intake first = this.reader.read(bytes(FUNCTION_BODY), null, JSON);

		Intake redelivered = this.reader.read(bytes(FUNCTION_BODY), null, JSON);
		Intake other = this.reader.read(bytes(FUNCTION_BODY.replace("Jane", "John")), null, JSON);

		assertThat(redelivered.requestId()).isEqualTo(first.requestId());
		assertThat(other.requestId()).startsWith("sha256:").isNotEqualTo(first.requestId());
	}

	@Test
	void derivesTheRequestIdFromTheBodyWhenTheMessageIdIsNotAUsableId() {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), "not usable/as an id", JSON);

		assertThat(intake.requestId())
			.isEqualTo("sha256:48a45aaf33a5c74aac3dc523a36622aaae626a5a25bb1e760342986fd4d8c83d");
	}

	@Test
	void derivesTheRequestIdOfABodyThatIsNotJson() {
		Intake.Rejected rejected = rejected("not json");

		assertThat(rejected.requestId()).startsWith("sha256:").hasSize("sha256:".length() + 64);
	}

	@Test
	void listsEveryBrokenRuleAtOnce() {
		String body = """
				{"requestId": "ticket 4711/a",
				 "fromNumber": "+15555550100",
				 "toName": "   ",
				 "sourceChatChannelSid": "CH123",
				 "initialNotificationMessage": "%s",
				 "taskAttributes": ["not", "an", "object"],
				 "metadata": "not an object"}
				""".formatted("x".repeat(1601));

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("requestId", "fromNumber", "toNumber", "toName", "sourceChatChannelSid",
					"initialNotificationMessage", "taskAttributes", "metadata");
		assertThat(rejected.errors()).contains(new FieldError("toNumber", "is required"),
				new FieldError("fromNumber", "is not a valid phone number"),
				new FieldError("taskAttributes", "must be a JSON object"),
				new FieldError("metadata", "must be a JSON object"));
		assertThat(rejected.message()).startsWith("invalid request: ")
			.contains("toNumber: is required")
			.contains("metadata: must be a JSON object");
	}

	@Test
	void requiresFromNumberToNumberAndToName() {
		Intake.Rejected rejected = rejected("{}");

		assertThat(rejected.errors()).containsExactlyInAnyOrder(new FieldError("fromNumber", "is required"),
				new FieldError("toNumber", "is required"), new FieldError("toName", "is required"));
	}

	@Test
	void rejectsWrongJsonTypes() {
		String body = "{\"fromNumber\":15005550006,\"toNumber\":true,\"toName\":{\"first\":\"Jane\"},\"requestId\":42}";

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors()).containsExactlyInAnyOrder(
				new FieldError("fromNumber", "must be a string, was number"),
				new FieldError("toNumber", "must be a string, was boolean"),
				new FieldError("toName", "must be a string, was object"),
				new FieldError("requestId", "must be a string, was number"));
	}

	@Test
	void acceptsANameOf256CharactersCountedAsCodePoints() {
		String name = "\uD83D\uDE00".repeat(256);

		OutboundSmsRequest request = accepted(named("\"" + name + "\""));

		assertThat(request.toName()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\\n\\t" })
	void rejectsABlankName(String name) {
		Intake.Rejected rejected = rejected(named("\"" + name + "\""));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("toName");
	}

	@Test
	void rejectsANameOver256Characters() {
		Intake.Rejected rejected = rejected(named("\"" + "\uD83D\uDE00".repeat(257) + "\""));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("toName", "must be 1 to 256 characters and not blank, was 257"));
	}

	@Test
	void keepsANameWithQuotesEmojiAndNewlinesExactly() {
		String body = named("\"Jane \\\"JJ\\\" O'Neil \uD83D\uDC69\u200D\uD83D\uDCBB\\nline two\\r\\n\\u00e9\"");

		OutboundSmsRequest request = accepted(body);

		assertThat(request.toName()).isEqualTo("Jane \"JJ\" O'Neil \uD83D\uDC69\u200D\uD83D\uDCBB\nline two\r\n\u00e9");
	}

	@Test
	void acceptsAFirstMessageOf1600Characters() {
		OutboundSmsRequest request = accepted(withField("initialNotificationMessage", "\"" + "x".repeat(1600) + "\""));

		assertThat(request.initialNotificationMessage()).hasSize(1600);
	}

	@Test
	void rejectsAFirstMessageOver1600Characters() {
		Intake.Rejected rejected = rejected(withField("initialNotificationMessage", "\"" + "x".repeat(1601) + "\""));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("initialNotificationMessage");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CH0123456789abcdef0123456789abcde", "CH0123456789abcdef0123456789abcdef0",
			"MG0123456789abcdef0123456789abcdef", "CH0123456789abcdef0123456789abcdeg",
			"ch0123456789abcdef0123456789abcdef" })
	void rejectsASourceChannelSidThatIsNotChAnd32HexDigits(String sid) {
		Intake.Rejected rejected = rejected(withField("sourceChatChannelSid", "\"" + sid + "\""));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("sourceChatChannelSid", "must be CH followed by 32 hex digits"));
	}

	@Test
	void readsTheTargetWorkerSid() {
		OutboundSmsRequest request = accepted(withField("targetWorkerSid", "\"WK0123456789abcdef0123456789ABCDEF\""));
		OutboundSmsRequest none = accepted(withField("targetWorkerSid", "null"));

		assertThat(request.targetWorkerSid()).isEqualTo("WK0123456789abcdef0123456789ABCDEF");
		assertThat(none.targetWorker()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "WK0123456789abcdef0123456789abcde", "WK0123456789abcdef0123456789abcdef0",
			"WQ0123456789abcdef0123456789abcdef", "wk0123456789abcdef0123456789abcdef", "", "12" })
	void rejectsATargetWorkerSidThatIsNotWkAnd32HexDigits(String sid) {
		Intake.Rejected rejected = rejected(withField("targetWorkerSid", "\"" + sid + "\""));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("targetWorkerSid", "must be WK followed by 32 hex digits"));
	}

	@Test
	void rejectsATargetWorkerSidThatIsNotAString() {
		Intake.Rejected rejected = rejected(withField("targetWorkerSid", "7"));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("targetWorkerSid", "must be a string, was number"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "crm.ticket_4711:retry-2", "0123456789" })
	void acceptsRequestIdsOfTheAllowedCharacters(String id) {
		OutboundSmsRequest request = accepted(withField("requestId", "\"" + id + "\""));

		assertThat(request.requestId()).isEqualTo(id);
	}

	@Test
	void acceptsARequestIdOf128Characters() {
		String id = "r".repeat(128);

		OutboundSmsRequest request = accepted(withField("requestId", "\"" + id + "\""));

		assertThat(request.requestId()).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ticket 4711", "ticket/4711", "tïcket", "ticket#1" })
	void rejectsRequestIdsWithOtherCharacters(String id) {
		Intake.Rejected rejected = rejected(withField("requestId", "\"" + id + "\""));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("requestId");
		assertThat(rejected.requestId()).startsWith("sha256:");
	}

	@Test
	void rejectsARequestIdOver128Characters() {
		Intake.Rejected rejected = rejected(withField("requestId", "\"" + "r".repeat(129) + "\""));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("requestId");
	}

	@Test
	void acceptsMetadataOf4KiB() {
		String metadata = "{\"note\":\"" + "x".repeat(4096 - "{\"note\":\"\"}".length()) + "\"}";

		OutboundSmsRequest request = accepted(withField("metadata", metadata));

		assertThat(request.metadata()).isNotNull();
	}

	@Test
	void rejectsMetadataOver4KiB() {
		String metadata = "{\"note\":\"" + "x".repeat(4097 - "{\"note\":\"\"}".length()) + "\"}";

		Intake.Rejected rejected = rejected(withField("metadata", metadata));

		assertThat(rejected.errors())
			.containsExactly(new FieldError("metadata", "is 4097 bytes, more than the 4096 allowed"));
		assertThat(rejected.metadata()).isNull();
	}

	@Test
	void keepsMetadataNumbersAsWrittenAllTheWayToTheResultEvent() {
		String metadata = "{\"amount\":0.10,\"big\":12345678901234567890,\"rates\":[1.50,2,-7.250],\"pi\":3.14159265358979323846264338327950288}";
		OutboundSmsRequest request = accepted(withField("metadata", metadata));

		byte[] event = JsonMapper.builder()
			.build()
			.writeValueAsBytes(ResultEventMessage.of(ResultEvent.of(request, new StoredOutcome(Outcome.CREATED,
					"flex-legacy", request.pair(), Map.of(), Instant.parse("2026-11-23T10:15:30.123Z")), 1)));

		assertThat(new String(event, StandardCharsets.UTF_8)).contains("\"metadata\":" + metadata);
	}

	@Test
	void keepsThePairAndTheMetadataOfARejectedRequestWhenTheyWereValid() {
		String body = """
				{"fromNumber":"+15005550006","toNumber":"(415) 555-2671","toName":"",
				 "metadata":{"ticketId":"4711"}}
				""";

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.pair()).isEqualTo(new NumberPair("+15005550006", "+14155552671"));
		assertThat(rejected.metadata()).isEqualTo(Map.of("ticketId", "4711"));
	}

	@Test
	void keepsTheRequestIdOfARejectedRequest() {
		Intake.Rejected rejected = rejected("{\"requestId\":\"crm-ticket-4711\",\"toName\":\"Jane\"}");

		assertThat(rejected.requestId()).isEqualTo("crm-ticket-4711");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json; charset=utf-8", "Application/JSON" })
	void acceptsJsonContentTypes(String contentType) {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), null, contentType);

		assertThat(intake).isInstanceOf(Intake.Accepted.class);
	}

	@Test
	void acceptsAMessageWithoutContentType() {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), null, null);

		assertThat(intake).isInstanceOf(Intake.Accepted.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
	void rejectsOtherContentTypes(String contentType) {
		Intake intake = this.reader.read(bytes(FUNCTION_BODY), null, contentType);

		assertThat(intake).isInstanceOfSatisfying(Intake.Rejected.class,
				(rejected) -> assertThat(rejected.errors()).extracting(FieldError::field)
					.containsExactly("content_type"));
	}

	@ParameterizedTest
	@MethodSource("unreadableBodies")
	void rejectsABodyThatIsNotOneStrictJsonObject(byte[] body, String problem) {
		Intake intake = this.reader.read(body, "amqp-message-1", JSON);

		assertThat(intake).isInstanceOfSatisfying(Intake.Rejected.class, (rejected) -> {
			assertThat(rejected.errors()).singleElement().satisfies((error) -> {
				assertThat(error.field()).isEqualTo("body");
				assertThat(error.problem()).contains(problem);
			});
			assertThat(rejected.requestId()).isEqualTo("amqp-message-1");
			assertThat(rejected.pair()).isNull();
			assertThat(rejected.metadata()).isNull();
		});
	}

	static Stream<Arguments> unreadableBodies() {
		return Stream.of(body("not JSON", bytes("fromNumber=+15005550006&toNumber=+14155552671"), "is not valid JSON"),
				body("truncated JSON", bytes(FUNCTION_BODY.substring(0, FUNCTION_BODY.length() - 5)),
						"is not valid JSON"),
				body("a JSON array", bytes("[" + FUNCTION_BODY + "]"), "must be a JSON object"),
				body("a JSON string", bytes("\"Jane\""), "must be a JSON object"),
				body("an empty body", new byte[0], "must be a JSON object"),
				body("whitespace only", bytes("  \n "), "must be a JSON object"),
				body("invalid UTF-8", invalidUtf8(), "is not valid UTF-8"),
				body("over the size limit", oversized(), "more than the 65536 allowed"),
				body("a duplicate key", bytes(FUNCTION_BODY.replace("}", ",\"toName\":\"John\"}")), "Duplicate"),
				body("nesting deeper than 32", bytes(withField("metadata", nested(40))), "nesting depth"),
				body("a 10,000-digit number", bytes(withField("metadata", "{\"n\":" + "9".repeat(10_000) + "}")),
						"Number value length"),
				body("trailing garbage", bytes(FUNCTION_BODY + " garbage"), "is not valid JSON"),
				body("a second object", bytes(FUNCTION_BODY + FUNCTION_BODY), "Trailing token"));
	}

	@Test
	void saysWhyABodyOverTheSizeLimitIsRejected() {
		Intake.Rejected rejected = rejected(oversized());

		assertThat(rejected.errors())
			.containsExactly(new FieldError("body", "is 65537 bytes, more than the 65536 allowed"));
	}

	@Test
	void acceptsABodyOfExactlyTheSizeLimit() {
		String padding = "x".repeat(MAX_BODY - FUNCTION_BODY.length() - ",\"pad\":\"\"".length());
		byte[] body = bytes(FUNCTION_BODY.replace("}", ",\"pad\":\"" + padding + "\"}"));

		Intake intake = this.reader.read(body, null, JSON);

		assertThat(body).hasSize(MAX_BODY);
		assertThat(intake).isInstanceOf(Intake.Accepted.class);
	}

	@Test
	void saysABodyWithInvalidUtf8IsNotUtf8() {
		Intake.Rejected rejected = rejected(invalidUtf8());

		assertThat(rejected.errors()).containsExactly(new FieldError("body", "is not valid UTF-8"));
	}

	@Test
	void acceptsNestingUpTo32Levels() {
		OutboundSmsRequest request = accepted(withField("metadata", nested(30)));

		assertThat(request.metadata()).isNotNull();
	}

	private OutboundSmsRequest accepted(String body) {
		Intake intake = this.reader.read(bytes(body), null, JSON);
		assertThat(intake).isInstanceOf(Intake.Accepted.class);
		return ((Intake.Accepted) intake).request();
	}

	private Intake.Rejected rejected(String body) {
		return rejected(bytes(body));
	}

	private Intake.Rejected rejected(byte[] body) {
		Intake intake = this.reader.read(body, null, JSON);
		assertThat(intake).isInstanceOf(Intake.Rejected.class);
		return (Intake.Rejected) intake;
	}

	private static String withField(String field, String json) {
		return FUNCTION_BODY.replace("}", ",\"" + field + "\":" + json + "}");
	}

	private static String named(String json) {
		return "{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"toName\":" + json + "}";
	}

	private static String nested(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	private static byte[] invalidUtf8() {
		byte[] valid = bytes(FUNCTION_BODY.replace("Jane", "Jan?"));
		byte[] body = valid.clone();
		int at = FUNCTION_BODY.indexOf("Jane") + 3;
		body[at] = (byte) 0xC3;
		return body;
	}

	private static byte[] oversized() {
		String padding = "x".repeat(MAX_BODY + 1 - FUNCTION_BODY.length() - ",\"pad\":\"\"".length());
		return bytes(FUNCTION_BODY.replace("}", ",\"pad\":\"" + padding + "\"}"));
	}

	private static Arguments body(String name, byte[] body, String problem) {
		return Arguments.of(Named.of(name, body), problem);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void acceptsTaskAttributesWithNullValues() {
		String body = "{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"toNumber\":\"+14155552671\",\"taskAttributes\":{\"campaign\":null,\"priority\":5}}";

		Intake intake = new RequestReader(new PhoneNumbers("US"), 64 * 1024)
			.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "application/json");

		assertThat(intake).isInstanceOfSatisfying(Intake.Accepted.class,
				(accepted) -> assertThat(accepted.request().taskAttributes()).containsEntry("campaign", null));
	}

	@Test
	void rejectsContentTypesThatOnlyStartLikeJson() {
		String body = "{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"toNumber\":\"+14155552671\"}";
		RequestReader reader = new RequestReader(new PhoneNumbers("US"), 64 * 1024);

		Intake patch = reader.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
				"application/json-patch+json");
		Intake withCharset = reader.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
				"Application/JSON; charset=utf-8");

		assertThat(patch).isInstanceOf(Intake.Rejected.class);
		assertThat(withCharset).isInstanceOf(Intake.Accepted.class);
	}

}
