package com.outboundsms.worker;

import java.util.List;
import java.util.Properties;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When Twilio refuses the worker's credentials, every request would fail the same way:
 * the worker stops consuming (the request stays in the queue, nothing is dead-lettered),
 * reports DOWN with the reason, probes, and resumes by itself once Twilio answers again.
 */
@WorkerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "outbound-sms.consumption.probe-initial-delay=200ms")
class SystemicFailureIntegrationTests {

	@Autowired
	Taps taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	HealthEndpoint health;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RunNames names;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void pausesWhileTwilioRefusesTheCredentialsAndResumesByItself(CapturedOutput output) {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().badCredentials(true);

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("systemic-1", from, to)), null);

		await().atMost(Taps.PATIENCE).untilAsserted(() -> {
			IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) this.health
				.healthForPath("consumption");
			assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
			assertThat(consumption.getDetails()).containsEntry("dependency", "TWILIO");
			assertThat((String) consumption.getDetails().get("reason")).contains("401");
		});
		await().atMost(Taps.PATIENCE)
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainer("outbound-sms-requests").isRunning())
				.isFalse());
		await().atMost(Taps.PATIENCE).untilAsserted(() -> assertThat(queueDepth()).isEqualTo(1));
		assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.taps.deadLetters("systemic-1")).isEmpty();
		assertThat(this.taps.results("systemic-1")).isEmpty();

		this.emulator.faults().badCredentials(false);

		JsonNode result = this.taps.awaitResult("systemic-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		await().atMost(Taps.PATIENCE)
			.untilAsserted(() -> assertThat(this.health.healthForPath("consumption").getStatus()).isEqualTo(Status.UP));
		assertThat(this.taps.deadLetters("systemic-1")).isEmpty();
		// set aside as a copy through a delay queue, not handed back to consumers the
		// pause
		// had not stopped yet (each pass counting against the queue's delivery limit):
		// the delivery after the first set-aside is the copy's first
		List<JsonNode> outcomes = JsonLog.of(output).outcomes("systemic-1");
		assertThat(outcomes.get(0).path("outcome").asString()).isEqualTo("REQUEUED");
		assertThat(outcomes.get(1).path("redeliveries").asString()).isEqualTo("0");
	}

	private int queueDepth() {
		Properties properties = this.admin.getQueueProperties(this.names.requestQueue());
		return (properties != null) ? ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue() : -1;
	}

}
