package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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
 * reports DOWN with the reason, probes, and resumes by itself once Twilio answers again
 * and the listener really runs: while the listener cannot start, or is stopped, it stays
 * DOWN, and the worker keeps trying.
 */
@WorkerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "outbound-sms.consumption.probe-initial-delay=200ms",
		"outbound-sms.consumption.probe-max-delay=1s" })
class SystemicFailureIntegrationTests {

	/**
	 * The container tries its queue a few times, seconds apart, before it gives up
	 * starting.
	 */
	private static final Duration FAILED_START = Duration.ofSeconds(60);

	private static final String LISTENER = "outbound-sms-requests";

	@Autowired
	CapturedMessages taps;

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

		await().atMost(CapturedMessages.PATIENCE).untilAsserted(() -> {
			IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) this.health
				.healthForPath("consumption");
			assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
			assertThat(consumption.getDetails()).containsEntry("dependency", "TWILIO");
			assertThat((String) consumption.getDetails().get("reason")).contains("401");
		});
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainer(LISTENER).isRunning()).isFalse());
		await().atMost(CapturedMessages.PATIENCE).untilAsserted(() -> assertThat(queueDepth()).isEqualTo(1));
		assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.taps.deadLetters("systemic-1")).isEmpty();
		assertThat(this.taps.results("systemic-1")).isEmpty();

		this.emulator.faults().badCredentials(false);

		JsonNode result = this.taps.awaitResult("systemic-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.health.healthForPath("consumption").getStatus()).isEqualTo(Status.UP));
		assertThat(this.taps.deadLetters("systemic-1")).isEmpty();
		// set aside as a copy through a delay queue, not handed back to consumers the
		// pause had not stopped yet (each pass counting against the queue's delivery
		// limit): the delivery after the first set-aside is the copy's first
		List<JsonNode> outcomes = JsonLog.of(output).outcomes("systemic-1");
		assertThat(outcomes.get(0).path("outcome").asString()).isEqualTo("REQUEUED");
		assertThat(outcomes.get(1).path("redeliveries").asString()).isEqualTo("0");
	}

	@Test
	void staysDownAndKeepsTryingUntilTheListenerRunsAgain() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().badCredentials(true);
		this.taps.publish(RequestBodies.json(RequestBodies.minimal("restart-1", from, TestNumbers.customerNumber())),
				null);
		// paused (the stop happens off the listener's thread) with the request set aside
		// in its queue; a depth of 1 alone also holds before the listener took it
		await().atMost(CapturedMessages.PATIENCE).untilAsserted(() -> {
			assertThat(this.listeners.getListenerContainer(LISTENER).isRunning()).isFalse();
			assertThat(queueDepth()).isEqualTo(1);
		});

		try (Connection connection = TestServices.get().connect()) {
			// another client takes the queue's name for a queue only it may use (the
			// request set aside goes with the deleted queue)
			Channel channel = connection.createChannel();
			channel.queueDelete(this.names.requestQueue());
			channel.queueDeclare(this.names.requestQueue(), false, true, false, null);
			this.emulator.faults().badCredentials(false);

			await().atMost(FAILED_START).untilAsserted(() -> {
				IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) this.health
					.healthForPath("consumption");
				assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) consumption.getDetails().get("reason"))
					.contains("the request listeners did not start");
			});
			await().atMost(CapturedMessages.PATIENCE)
				.untilAsserted(() -> assertThat(this.listeners.getListenerContainer(LISTENER).isRunning()).isFalse());
			assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
		}

		await().atMost(FAILED_START).untilAsserted(() -> {
			assertThat(this.health.healthForPath("consumption").getStatus()).isEqualTo(Status.UP);
			assertThat(this.listeners.getListenerContainer(LISTENER).isRunning()).isTrue();
		});
		this.taps.publish(RequestBodies.json(RequestBodies.minimal("restart-2", from, TestNumbers.customerNumber())),
				null);
		assertThat(this.taps.awaitResult("restart-2").path("outcome").asString()).isEqualTo("CREATED");
	}

	@Test
	void reportsDownWhileTheListenerIsStoppedWithoutAPause() {
		this.listeners.getListenerContainer(LISTENER).stop();

		IndicatedHealthDescriptor stopped = (IndicatedHealthDescriptor) this.health.healthForPath("consumption");
		this.listeners.getListenerContainer(LISTENER).start();

		assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stopped.getDetails()).containsEntry("paused", false)
			.containsEntry("reason", "the request listener is not running");
		assertThat(this.health.healthForPath("consumption").getStatus()).isEqualTo(Status.UP);
	}

	private int queueDepth() {
		Properties properties = this.admin.getQueueProperties(this.names.requestQueue());
		return (properties != null) ? ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue() : -1;
	}

}
