package com.outboundsms.worker;

import java.util.Map;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An API key that may read Flex Flows but not create interactions: Twilio answers the
 * create 403 while it accepts the credentials. After a few pauses whose probes found the
 * credentials good, the requests that need the create are dead-lettered as
 * {@code TWILIO_FORBIDDEN} instead of pausing consumption again and again, the rest goes
 * on, and health names the call; credentials refused with 403 still pause.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=" + FlexConversationsScenariosIntegrationTests.WORKSPACE,
		"twilio.workflow-sid=" + FlexConversationsScenariosIntegrationTests.WORKFLOW,
		"outbound-sms.consumption.probe-initial-delay=200ms", "outbound-sms.consumption.probe-max-delay=1s" })
class MissingPermissionIntegrationTests {

	private static final String INTERACTIONS = "/flex-api/v1/Interactions";

	private static final String INTERACTIONS_CALL = "POST flex-api/v1/Interactions";

	/** {@code outbound-sms.consumption.forbidden-pauses}, left at its default. */
	private static final int FORBIDDEN_PAUSES = 3;

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	HealthEndpoint health;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void deadLettersWhatNeedsACallTheKeyMayNotMakeAndGoesOnWithTheRest() {
		String openPair = TestNumbers.customerNumber();
		String from = TestNumbers.twilioNumber();
		publish("open-1", from, openPair);
		assertThat(this.taps.awaitResult("open-1").path("outcome").asString()).isEqualTo("CREATED");
		refuseInteractions();
		String to = TestNumbers.customerNumber();

		publish("forbidden-1", from, to);

		Map<String, Object> headers = this.taps.awaitDeadLetter("forbidden-1").getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "TWILIO_FORBIDDEN")
			.containsEntry("x-twilio-code", 70051)
			.containsEntry("x-twilio-status", 403);
		assertThat((String) headers.get("x-error-message")).contains(INTERACTIONS_CALL)
			.contains("lacks a permission")
			.doesNotContain(to);
		JsonNode failed = this.taps.awaitResult("forbidden-1");
		assertThat(failed.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(failed.path("error").path("code").asString()).isEqualTo("TWILIO_FORBIDDEN");
		assertThat(failed.path("error").path("retryable").asBoolean()).isFalse();
		// one create per pause, and the one that failed for good
		assertThat(createsFor(to)).isEqualTo(FORBIDDEN_PAUSES + 1);

		String other = TestNumbers.customerNumber();
		publish("forbidden-2", from, other);
		publish("reuse-1", from, openPair);

		assertThat(this.taps.awaitDeadLetter("forbidden-2").getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "TWILIO_FORBIDDEN");
		assertThat(createsFor(other)).as("no more pauses once the permission is known missing").isOne();
		assertThat(this.taps.awaitResult("reuse-1").path("outcome").asString()).isEqualTo("REUSED");
		IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) this.health.healthForPath("readiness",
				"consumption");
		assertThat(consumption.getStatus()).isEqualTo(Status.UP);
		assertThat(consumption.getDetails()).containsEntry("forbiddenCalls", java.util.List.of(INTERACTIONS_CALL));
		assertThat((String) consumption.getDetails().get("forbidden")).contains("lacks a permission");
		assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);

		this.emulator.faults().reset();
		publish("granted-1", from, to);

		assertThat(this.taps.awaitResult("granted-1").path("outcome").asString()).isEqualTo("CREATED");
		assertThat(((IndicatedHealthDescriptor) this.health.healthForPath("consumption")).getDetails())
			.doesNotContainKey("forbiddenCalls");
	}

	@Test
	void stillPausesWithoutDeadLetteringWhenTheCredentialsAreRefusedWith403() {
		String from = TestNumbers.twilioNumber();
		refuseInteractions();
		publish("known-forbidden-1", from, TestNumbers.customerNumber());
		assertThat(this.taps.awaitDeadLetter("known-forbidden-1").getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "TWILIO_FORBIDDEN");
		// the account suspended: every call refused, the probe's read too
		this.emulator.faults().reset();
		this.emulator.faults().failRandomly(null, ".*", 1.0, 403, 20403, "Forbidden");
		String to = TestNumbers.customerNumber();

		publish("suspended-1", from, to);

		await().atMost(CapturedMessages.PATIENCE).untilAsserted(() -> {
			IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) this.health
				.healthForPath("consumption");
			assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
			assertThat(consumption.getDetails()).containsEntry("dependency", "TWILIO");
		});
		int probesBefore = flowReads();
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(flowReads()).isGreaterThan(probesBefore + FORBIDDEN_PAUSES));
		assertThat(this.taps.deadLetters("suspended-1")).isEmpty();
		assertThat(this.taps.results("suspended-1")).isEmpty();

		this.emulator.faults().reset();

		assertThat(this.taps.awaitResult("suspended-1").path("outcome").asString()).isEqualTo("CREATED");
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.health.healthForPath("consumption").getStatus()).isEqualTo(Status.UP));
		assertThat(this.taps.deadLetters("suspended-1")).isEmpty();
	}

	private void refuseInteractions() {
		this.emulator.faults()
			.failRandomly("POST", INTERACTIONS, 1.0, 403, 70051,
					"Authorization Failed: the API key lacks a permission to access the resource");
	}

	private void publish(String requestId, String from, String to) {
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, from, to)), null);
	}

	private long createsFor(String to) {
		return new FlexConversationsBackendUnderTest(this.emulator).createsFor(to);
	}

	private int flowReads() {
		return this.emulator.requests("GET", "/flex-api/v1/FlexFlows").size();
	}

}
