package com.outboundsms.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.outbound.ResultEventMessage;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.ResultEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact verdicts of the intake on hostile bodies, where a broker adds nothing.
 */
class RequestReaderHostileInputTests {

	private static final int MAX_BODY = 64 * 1024;

	private static final String JSON = "application/json";

	private static final String NUMBERS = "\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\"";

	private static final String CONTROL_CHARACTERS = "must not contain control characters other than tab and line breaks";

	private final RequestReader reader = new RequestReader(new PhoneNumbers("US"), MAX_BODY);

	@ParameterizedTest
	@ValueSource(strings = { "\\u0000", "\\u001b[2J", "\\u0007", "\\u007f", "\\u0085", "\\u000b" })
	void rejectsControlCharactersInTheName(String escaped) {
		Intake.Rejected rejected = rejected("{" + NUMBERS + ",\"toName\":\"Jane" + escaped + "Doe\"}");

		assertThat(rejected.errors()).containsExactly(new FieldError("toName", CONTROL_CHARACTERS));
		assertThat(rejected.pair()).isNotNull();
	}

	@Test
	void keepsTabsInTheName() {
		OutboundSmsRequest request = accepted("{" + NUMBERS + ",\"toName\":\"Jane\\tDoe\"}");

		assertThat(request.toName()).isEqualTo("Jane\tDoe");
	}

	@Test
	void rejectsAByteOrderMarkBeforeAnOtherwiseValidRequest() {
		byte[] json = bytes("{" + NUMBERS + ",\"toName\":\"Jane\"}");
		byte[] body = new byte[json.length + 3];
		body[0] = (byte) 0xEF;
		body[1] = (byte) 0xBB;
		body[2] = (byte) 0xBF;
		System.arraycopy(json, 0, body, 3, json.length);

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors())
			.containsExactly(new FieldError("body", "starts with a byte order mark; send UTF-8 JSON without one"));
	}

	@Test
	void keepsNeitherNumberOfADuplicateToNumber() {
		Intake.Rejected rejected = rejected("{" + NUMBERS + ",\"toName\":\"Jane\",\"toNumber\":\"+14155550000\"}");

		assertThat(rejected.errors()).singleElement()
			.isEqualTo(new FieldError("body", "is not valid JSON: Duplicate Object property \"toNumber\""));
		assertThat(rejected.pair()).isNull();
	}

	@Test
	void masksAPhoneNumberThatTheParserQuotes() {
		Intake.Rejected rejected = rejected("{\"toNumber\":tel14155552671}");

		assertThat(rejected.errors()).singleElement()
			.extracting(FieldError::problem)
			.asString()
			.startsWith("is not valid JSON: Unrecognized token 'tel***2671'")
			.doesNotContain("4155552671");
	}

	@Test
	void refusesA10000DigitNumberByItsLength() {
		Intake.Rejected rejected = rejected("{\"n\":" + "9".repeat(10_000) + "}");

		assertThat(rejected.errors()).singleElement()
			.extracting(FieldError::problem)
			.asString()
			.startsWith("is not valid JSON: Number value length (10000) exceeds the maximum allowed (64");
	}

	@Test
	void refusesNesting1000DeepAtTheLimit() {
		Intake.Rejected rejected = rejected("[".repeat(1000) + "]".repeat(1000));

		assertThat(rejected.errors()).singleElement()
			.extracting(FieldError::problem)
			.asString()
			.startsWith("is not valid JSON: Document nesting depth (33) exceeds the maximum allowed (32");
	}

	@Test
	void judgesA10MiBBodyBySizeAloneWithoutDecodingIt() {
		byte[] body = new byte[10 * 1024 * 1024];
		Arrays.fill(body, (byte) 0xFF);

		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors())
			.containsExactly(new FieldError("body", "is 10485760 bytes, more than the 65536 allowed"));
	}

	@Test
	void saysAUtf16BodyIsNotUtf8() {
		Intake.Rejected rejected = rejected(
				("\uFEFF{" + NUMBERS + ",\"toName\":\"Jane\"}").getBytes(StandardCharsets.UTF_16LE));

		assertThat(rejected.errors()).containsExactly(new FieldError("body", "is not valid UTF-8"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " \n\t\r ", "null", "\"+14155552671\"", "15005550006", "true",
			"[\"java.util.HashMap\",{\"fromNumber\":\"+15005550006\"}]" })
	void saysABodyThatIsNotAnObjectMustBeOne(String body) {
		Intake.Rejected rejected = rejected(body);

		assertThat(rejected.errors()).containsExactly(new FieldError("body", "must be a JSON object"));
	}

	@Test
	void readsPolymorphicTypingBaitAsPlainData() {
		String body = "{\"@class\":\"java.lang.ProcessBuilder\"," + NUMBERS + ",\"toName\":\"Jane\","
				+ "\"taskAttributes\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/owned\"]},"
				+ "\"metadata\":{\"@type\":\"java.net.URL\",\"val\":\"http://127.0.0.1:1/\"}}";

		OutboundSmsRequest request = accepted(body);

		assertThat(request.taskAttributes()).containsExactly(Map.entry("@class", "java.lang.ProcessBuilder"),
				Map.entry("command", List.of("touch", "/tmp/owned")));
		assertThat(request.metadata()).isEqualTo(Map.of("@type", "java.net.URL", "val", "http://127.0.0.1:1/"));
	}

	@Test
	void echoesAnExponentBombInMetadataWithoutExpandingIt() {
		Intake.Rejected rejected = rejected("{" + NUMBERS + ",\"metadata\":{\"n\":1e999999999}}");
		ResultEvent event = ResultEvent.failed(rejected.requestId(), "flex-legacy", rejected.pair(),
				rejected.metadata(), null, ErrorDetail.of(ErrorCode.INVALID_REQUEST, rejected.message()), 1,
				Instant.parse("2026-11-23T10:15:30.123Z"));

		byte[] json = JsonMapper.builder().build().writeValueAsBytes(ResultEventMessage.of(event));

		assertThat(rejected.errors()).containsExactly(new FieldError("toName", "is required"));
		assertThat(json.length).isLessThan(2048);
		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"metadata\":{\"n\":1E+999999999}");
	}

	@Test
	void readsAValidBodyUnderTheWrongContentTypeButRefusesIt() {
		Intake intake = this.reader.read(bytes("{" + NUMBERS + ",\"toName\":\"Jane\"}"), null, "text/plain");

		assertThat(intake).isInstanceOfSatisfying(Intake.Rejected.class, (rejected) -> {
			assertThat(rejected.errors())
				.containsExactly(new FieldError("content_type", "must be application/json, was text/plain"));
			assertThat(rejected.pair()).isNotNull();
		});
	}

	@Test
	void namesAMessageByItsDigestWhenItsMessageIdIsTooLong() {
		byte[] body = bytes("{}");

		Intake intake = this.reader.read(body, "m".repeat(255), JSON);

		assertThat(intake.requestId()).isEqualTo(this.reader.fallbackId(body, null)).startsWith("sha256:");
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
