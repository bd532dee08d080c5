package com.outboundsms.worker;

import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once a request's outcome is stored, the request gets that outcome and nothing else: a
 * request id reused for another pair is refused, and a result event that cannot be
 * published never turns a stored success into a dead letter.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.inbound.max-attempts=1", "outbound-sms.consumption.consumers=2" })
class StoredOutcomeIntegrationTests {

	private static final String LISTENER = "outbound-sms-requests";

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	RabbitAdmin admin;

	@Autowired
	RunNames names;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Test
	void aRequestWhoseOutcomeIsStoredIsNotDeadLetteredWhenItsResultCannotBePublished() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		this.admin.deleteExchange(this.names.resultExchange());
		try {
			this.taps.publish(RequestBodies.json(RequestBodies.minimal("unpublished-1", from, to)), null);

			await().atMost(CapturedMessages.PATIENCE).until(() -> storedOutcome("unpublished-1") != null);
			// its only attempt is spent: it must wait
			// for the broker, not be dead-lettered
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.taps.deadLetters("unpublished-1")).isEmpty());
		}
		finally {
			// the exchange and every binding the worker and the taps declared, while no
			// copy is processed: an event published between the exchange and the taps'
			// binding would reach no queue
			MessageListenerContainer listener = this.listeners.getListenerContainer(LISTENER);
			listener.stop();
			this.admin.initialize();
			listener.start();
		}

		JsonNode result = this.taps.awaitResult("unpublished-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(storedOutcome("unpublished-1")).isEqualTo("CREATED");
		assertThat(this.taps.deadLetters("unpublished-1")).isEmpty();
		assertThat(this.taps.results("unpublished-1"))
			.allSatisfy((message) -> assertThat(message.getMessageProperties().getReceivedRoutingKey())
				.isEqualTo("result.created"));
	}

	@Test
	void aRequestIdUsedBeforeForAnotherPairIsRefusedAndMakesNothing() {
		String from = TestNumbers.twilioNumber();
		String first = TestNumbers.customerNumber();
		String second = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		this.taps.publish(RequestBodies.json(RequestBodies.minimal("reused-id-1", from, first)), null);
		JsonNode created = this.taps.awaitResult("reused-id-1");
		this.taps.forget("reused-id-1");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("reused-id-1", from, second)), null);

		Map<String, Object> headers = this.taps.awaitDeadLetter("reused-id-1").getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "REQUEST_ID_CONFLICT").containsEntry("x-attempts", 1);
		JsonNode refused = this.taps.awaitResult("reused-id-1");
		assertThat(refused.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(refused.path("toNumber").asString()).isEqualTo(second);
		assertThat(refused.path("error").path("code").asString()).isEqualTo("REQUEST_ID_CONFLICT");
		assertThat(refused.path("error").path("retryable").asBoolean()).isFalse();
		assertThat(refused.has("chatChannelSid")).isFalse();
		assertThat(created.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(this.emulator.requests("POST", "/flex-api/v1/Channels")
			.stream()
			.filter((request) -> second.equals(request.form().first("Target")))).isEmpty();
	}

	private String storedOutcome(String requestId) {
		return this.jdbc.sql("SELECT outcome FROM request_outcome WHERE request_id = ?")
			.param(requestId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
