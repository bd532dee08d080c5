package com.outboundsms.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the intake reads a request's {@code notBefore} and {@code notAfter}: instants with
 * an offset, the latest not before the earliest, each broken rule a field error.
 */
class SendTimeFieldsTests {

	private final RequestReader reader = new RequestReader(new PhoneNumbers("US"), 64 * 1024);

	@Test
	void readsBothInstantsWithTheirOffsets() {
		OutboundSmsRequest request = accepted(
				body("\"notBefore\": \"2026-12-07T15:00:00Z\", \"notAfter\": \"2026-12-07T18:30:00.5+02:00\""));

		assertThat(request.notBefore()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
		assertThat(request.notAfter()).isEqualTo(Instant.parse("2026-12-07T16:30:00.5Z"));
	}

	@Test
	void aRequestWithoutThemMayGoAtAnyTime() {
		OutboundSmsRequest request = accepted(body("\"notBefore\": null"));

		assertThat(request.notBefore()).isNull();
		assertThat(request.notAfter()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"2026-12-07T15:00:00\"", "\"2026-12-07\"", "\"tomorrow\"", "\"1765119600\"",
			"1765119600", "\"2026-13-07T15:00:00Z\"" })
	void rejectsWhatIsNotAnInstantWithAnOffset(String value) {
		Intake.Rejected rejected = rejected(body("\"notBefore\": " + value + ", \"notAfter\": " + value));

		assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("notBefore", "notAfter");
	}

	@Test
	void explainsTheForm() {
		Intake.Rejected rejected = rejected(body("\"notAfter\": \"2026-12-07 15:00\""));

		assertThat(rejected.errors()).containsExactly(new FieldError("notAfter",
				"must be an ISO-8601 date and time with an offset, such as 2026-12-07T15:00:00Z"));
	}

	@Test
	void rejectsALatestBeforeTheEarliest() {
		Intake.Rejected rejected = rejected(
				body("\"notBefore\": \"2026-12-07T15:00:00Z\", \"notAfter\": \"2026-12-07T15:59:59+01:00\""));

		assertThat(rejected.errors()).containsExactly(new FieldError("notAfter", "must not be before notBefore"));
	}

	@Test
	void acceptsTheSameInstantForBoth() {
		OutboundSmsRequest request = accepted(
				body("\"notBefore\": \"2026-12-07T15:00:00Z\", \"notAfter\": \"2026-12-07T16:00:00+01:00\""));

		assertThat(request.notAfter()).isEqualTo(request.notBefore());
	}

	private OutboundSmsRequest accepted(String body) {
		Intake intake = this.reader.read(body.getBytes(StandardCharsets.UTF_8), null, "application/json");
		assertThat(intake).isInstanceOf(Intake.Accepted.class);
		return ((Intake.Accepted) intake).request();
	}

	private Intake.Rejected rejected(String body) {
		Intake intake = this.reader.read(body.getBytes(StandardCharsets.UTF_8), null, "application/json");
		assertThat(intake).isInstanceOf(Intake.Rejected.class);
		return (Intake.Rejected) intake;
	}

	private static String body(String fields) {
		return "{\"fromNumber\": \"+15005550006\", \"toNumber\": \"+14155552671\", \"toName\": \"Jane\", " + fields
				+ "}";
	}

}
