package com.outboundsms.worker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.PhoneMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's console is one JSON object per line; each request's lines carry its id and
 * masked pair, each outcome has exactly one line with its structured fields, and no phone
 * number appears unmasked.
 */
@WorkerIntegrationTest
// logging is set up by a context that starts when none runs, and kept; the sandbox test
// leaves it plain: a context started for this class sets up the worker's own again
@DirtiesContext(classMode = ClassMode.BEFORE_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Test
	void logsOneJsonOutcomeLinePerRequestWithItsIdAndMaskedPair(CapturedOutput output) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		String otherTo = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		Map<String, Object> invalid = RequestBodies.minimal("logs-invalid-" + run, from, otherTo);
		invalid.put("toName", " ");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("logs-created-" + run, from, to)), null);
		this.taps.awaitResult("logs-created-" + run);
		this.taps.publish(RequestBodies.json(RequestBodies.minimal("logs-reused-" + run, from, to)), null);
		this.taps.awaitResult("logs-reused-" + run);
		this.taps.publish(RequestBodies.json(invalid), null);
		this.taps.awaitResult("logs-invalid-" + run);

		String pair = PhoneMask.mask(from) + ">" + PhoneMask.mask(to);
		// the outcome line is written just after the result event is published
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(JsonLog.of(output).outcomes("logs-invalid-" + run)).isNotEmpty());
		JsonLog log = JsonLog.of(output);
		JsonNode created = onlyOutcomeLine(log, "logs-created-" + run);
		JsonNode reused = onlyOutcomeLine(log, "logs-reused-" + run);
		JsonNode failed = onlyOutcomeLine(log, "logs-invalid-" + run);
		assertThat(created.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(created.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(created.path("pair").asString()).isEqualTo(pair);
		assertThat(created.path("sids").path("chatChannelSid").asString()).startsWith("CH");
		assertThat(created.path("sids").path("proxySessionSid").asString()).startsWith("KC");
		assertThat(reused.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(reused.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(reused.path("sids").path("chatChannelSid").asString())
			.isEqualTo(created.path("sids").path("chatChannelSid").asString());
		assertThat(failed.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(failed.path("log").path("level").asString()).isEqualTo("WARN");
		assertThat(failed.path("errorCode").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(failed.path("pair").asString()).isEqualTo(PhoneMask.mask(from) + ">" + PhoneMask.mask(otherTo));
		assertThat(List.of(created, reused, failed)).allSatisfy((line) -> {
			assertThat(line.path("attempt").asString()).isEqualTo("1");
			assertThat(line.path("durationMs").isIntegralNumber()).isTrue();
			assertThat(line.path("message").asString()).contains(line.path("requestId").asString());
		});
		assertThat(log.about("logs-created-" + run)).extracting((line) -> line.path("pair").asString())
			.containsOnly(pair);
		assertThat(log.about("logs-reused-" + run)).extracting((line) -> line.path("pair").asString())
			.containsOnly(pair);
		assertThat(log.about("logs-invalid-" + run)).extracting((line) -> line.path("pair").asString())
			.containsOnly(failed.path("pair").asString());
		List<String> raw = List.of(from, to, otherTo, digits(from), digits(to), digits(otherTo));
		assertThat(output.getAll()).doesNotContain(raw);
		assertThat(log.values()).noneSatisfy((value) -> assertThat(value).containsAnyOf(raw.toArray(String[]::new)));
	}

	private static JsonNode onlyOutcomeLine(JsonLog log, String requestId) {
		List<JsonNode> outcomes = log.outcomes(requestId);
		assertThat(outcomes).as("outcome lines of %s", requestId).hasSize(1);
		return outcomes.get(0);
	}

	/** The number without its plus, as it may appear in a URL or a message. */
	private static String digits(String number) {
		return number.substring(1);
	}

}
