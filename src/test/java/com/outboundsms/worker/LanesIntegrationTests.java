package com.outboundsms.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.Lane;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The two lanes on a real broker: routing key {@code request.bulk} reaches the bulk
 * queue, which is declared as the request queue is; each request is worked on in the lane
 * of the queue it came from, retried through that lane's delay queues back into it, and
 * an interactive request is answered while the bulk lane's consumers are all stuck.
 */
@WorkerIntegrationTest
@Import(LaneRecorder.class)
@TestPropertySource(properties = "outbound-sms.consumption.consumers=2")
class LanesIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	LaneRecorder recorder;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	RabbitTemplate template;

	@Autowired
	RunNames names;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void releaseTheBulkLane() {
		this.recorder.releaseBulk();
		this.emulator.faults().reset();
	}

	@Test
	void processesARequestRoutedToTheBulkLaneInTheBulkLane() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);

		publish("request.bulk", "bulk-1", from, TestNumbers.customerNumber());

		assertThat(this.taps.awaitResult("bulk-1").path("outcome").asString()).isEqualTo("CREATED");
		assertThat(this.recorder.lanesOf("bulk-1")).containsExactly(Lane.BULK);
	}

	@Test
	void processesARequestRoutedToTheInteractiveLaneInTheInteractiveLane() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);

		publish("request", "interactive-1", from, TestNumbers.customerNumber());

		assertThat(this.taps.awaitResult("interactive-1").path("outcome").asString()).isEqualTo("CREATED");
		assertThat(this.recorder.lanesOf("interactive-1")).containsExactly(Lane.INTERACTIVE);
	}

	@Test
	void retriesABulkRequestThroughTheBulkLanesDelayQueuesBackIntoTheBulkQueue() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().failNext("POST", "/flex-api/v1/Channels", 503, 20503, "Service unavailable");

		publish("request.bulk", "bulk-retried-1", from, TestNumbers.customerNumber());

		JsonNode result = this.taps.awaitResult("bulk-retried-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		// the lane comes from the queue each attempt was consumed from: the retry never
		// went through the interactive queue
		assertThat(this.recorder.lanesOf("bulk-retried-1")).containsExactly(Lane.BULK, Lane.BULK);
	}

	@Test
	void answersAnInteractiveRequestWhileEveryBulkConsumerIsStuck() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.recorder.holdBulk();
		List<String> bulk = IntStream.range(0, 6).mapToObj((i) -> "backlog-" + i).toList();
		bulk.forEach((id) -> publish("request.bulk", id, from, TestNumbers.customerNumber()));
		// both bulk consumers hold a request; the rest wait in the bulk queue
		await().atMost(CapturedMessages.PATIENCE)
			.until(() -> bulk.stream().filter((id) -> !this.recorder.lanesOf(id).isEmpty()).count() == 2);

		publish("request", "urgent-1", from, TestNumbers.customerNumber());

		assertThat(this.taps.awaitResult("urgent-1").path("outcome").asString()).isEqualTo("CREATED");
		assertThat(bulk).allSatisfy((id) -> assertThat(this.taps.results(id)).isEmpty());
		this.recorder.releaseBulk();
		bulk.forEach((id) -> assertThat(this.taps.awaitResult(id).path("outcome").asString()).isEqualTo("CREATED"));
	}

	@Test
	void marksTheDeadLetterOfABulkRequestWithItsLane() {
		// no Flex Flow has this number: a permanent failure of a valid request
		publish("request.bulk", "bulk-failed-1", TestNumbers.twilioNumber(), TestNumbers.customerNumber());

		assertThat(this.taps.awaitDeadLetter("bulk-failed-1").getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "FLEX_FLOW_NOT_FOUND")
			.containsEntry("x-lane", "bulk");
	}

	@Test
	void measuresEachLaneApart() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		long bulkBefore = processed("bulk");
		long interactiveBefore = processed("interactive");
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setTimestamp(Date.from(Instant.now()));
		String body = RequestBodies.json(RequestBodies.minimal("bulk-measured-1", from, TestNumbers.customerNumber()));
		long agedBefore = bulkAge().count();

		this.template.send(this.names.requestExchange(), "request.bulk",
				new Message(body.getBytes(StandardCharsets.UTF_8), properties));

		this.taps.awaitResult("bulk-measured-1");
		// the timer records once the result event is out
		await().atMost(CapturedMessages.PATIENCE).until(() -> processed("bulk") == bulkBefore + 1);
		assertThat(processed("interactive")).isEqualTo(interactiveBefore);
		assertThat(bulkAge().count()).isEqualTo(agedBefore + 1);
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.meters.get("outbound.sms.queue.messages")
				.tag("queue", "bulk-requests")
				.tag("lane", "bulk")
				.gauge()
				.value()).isZero());
	}

	private Timer bulkAge() {
		return this.meters.get("outbound.sms.request.age").tag("lane", "bulk").tag("attempt", "first").timer();
	}

	private long processed(String lane) {
		return this.meters.find("outbound.sms.processing")
			.tag("lane", lane)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	@Test
	void declaresTheBulkQueueAndItsDelayQueuesAsTheRequestQueue() throws IOException, TimeoutException {
		Map<String, Object> lane = new HashMap<>(Map.of("x-queue-type", "quorum", "x-dead-letter-exchange",
				this.names.deadLetterExchange(), "x-dead-letter-routing-key", this.names.deadLetterQueue(),
				"x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish", "x-delivery-limit", 20));
		Map<String, Object> delay = Map.of("x-queue-type", "quorum", "x-message-ttl", 20, "x-dead-letter-exchange",
				this.names.requestExchange(), "x-dead-letter-routing-key", "request.bulk", "x-dead-letter-strategy",
				"at-least-once", "x-overflow", "reject-publish");

		try (Connection connection = TestServices.get().connect()) {
			// the broker accepts a redeclaration only with equivalent arguments
			redeclare(connection, this.names.bulkQueue(), lane);
			redeclare(connection, this.names.bulkQueue() + ".retry.20ms", delay);
			lane.put("x-delivery-limit", 21);
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> redeclare(connection, this.names.bulkQueue(), lane));
		}
	}

	private static void redeclare(Connection connection, String queue, Map<String, Object> arguments)
			throws IOException, TimeoutException {
		try (Channel channel = connection.createChannel()) {
			channel.queueDeclare(queue, true, false, false, arguments);
		}
	}

	private void publish(String routingKey, String requestId, String from, String to) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		byte[] body = RequestBodies.json(RequestBodies.minimal(requestId, from, to)).getBytes(StandardCharsets.UTF_8);
		this.template.send(this.names.requestExchange(), routingKey, new Message(body, properties));
	}

}
