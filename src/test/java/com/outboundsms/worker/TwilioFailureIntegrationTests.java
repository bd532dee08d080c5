package com.outboundsms.worker;

import java.util.Map;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Twilio's refusals and hiccups become: permanent ones a dead-lettered request and a
 * failed result at once, transient ones retries.
 */
@WorkerIntegrationTest
class TwilioFailureIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void failsForGoodWhenNoFlexFlowHasTheNumber() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("no-flow-1", from, to)), null);

		Message deadLetter = this.taps.awaitDeadLetter("no-flow-1");
		assertThat(deadLetter.getMessageProperties().getHeaders()).containsEntry("x-error-code", "FLEX_FLOW_NOT_FOUND")
			.containsEntry("x-attempts", 1);
		JsonNode result = this.taps.awaitResult("no-flow-1");
		assertThat(result.path("error").path("code").asString()).isEqualTo("FLEX_FLOW_NOT_FOUND");
		assertThat(result.path("error").path("retryable").asBoolean()).isFalse();
		assertThat(this.emulator.requests("POST", "/flex-api/v1/Channels")
			.stream()
			.filter((request) -> to.equals(request.form().first("Target")))).isEmpty();
	}

	@Test
	void failsForGoodWithTwilioCodeWhenTwilioRejectsTheSession() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults()
			.failNext("POST", "/proxy/v1/Services/[^/]+/Sessions", 400, 80404,
					"Participant Identifier Invalid: " + to + " is not reachable");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("rejected-1", from, to)), null);

		Map<String, Object> headers = this.taps.awaitDeadLetter("rejected-1").getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "TWILIO_REJECTED")
			.containsEntry("x-twilio-code", 80404)
			.containsEntry("x-twilio-status", 400)
			.containsEntry("x-attempts", 1);
		assertThat((String) headers.get("x-error-message")).doesNotContain(to);
		JsonNode error = this.taps.awaitResult("rejected-1").path("error");
		assertThat(error.path("code").asString()).isEqualTo("TWILIO_REJECTED");
		assertThat(error.path("twilioCode").asInt()).isEqualTo(80404);
		assertThat(error.path("twilioStatus").asInt()).isEqualTo(400);
		assertThat(this.emulator.requests("POST", "/proxy/v1/Services/[^/]+/Sessions")
			.stream()
			.filter((request) -> String.join(",", request.form().all("Participants")).contains(to))).hasSize(1);
	}

}
