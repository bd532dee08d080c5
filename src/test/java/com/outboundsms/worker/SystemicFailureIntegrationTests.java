package com.outboundsms.worker;

import java.util.Properties;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When Twilio refuses the worker's credentials, every request would fail the same way:
 * the worker stops consuming (the request stays in the queue, nothing is dead-lettered),
 * reports DOWN with the reason, probes, and resumes by itself once Twilio answers again.
 */
@WorkerIntegrationTest
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
	void pausesWhileTwilioRefusesTheCredentialsAndResumesByItself() {
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
	}

	private int queueDepth() {
		Properties properties = this.admin.getQueueProperties(this.names.requestQueue());
		return (properties != null) ? ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue() : -1;
	}

}
