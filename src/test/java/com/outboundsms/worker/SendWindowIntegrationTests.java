package com.outboundsms.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.MutableClock;
import com.outboundsms.worker.processing.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Send windows and scheduled sends on the real broker and store, the worker's clock in
 * the test's hands: a bulk request for a customer at night is held in the store (no
 * Twilio call, no result, no message left on the broker) and sent once the window opens;
 * a request waits for its {@code notBefore}; one past its {@code notAfter} ends as
 * {@code EXPIRED}; the interactive lane has no window.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.send-window.bulk=08:00-21:00",
		"outbound-sms.hold.release-interval=100ms", "outbound-sms.hold.count-interval=100ms" })
@Import(SendWindowIntegrationTests.FakeTime.class)
class SendWindowIntegrationTests {

	// 22:00 in San Francisco, where the test's customers' numbers (+1415) are
	private static final Instant FIRST_NIGHT = Instant.parse("2026-12-07T06:00:00Z");

	// the window opens at 08:00 there
	private static final Duration NIGHT_LENGTH = Duration.ofHours(10);

	// each test a night of its own, after the one before: the worker's clock never goes
	// back (its caches, such as the Flex Flows', trust it)
	private static final AtomicInteger nights = new AtomicInteger();

	@Autowired
	MutableClock clock;

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RunNames names;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Campaigns campaigns;

	@Test
	void holdsABulkRequestAtNightInTheStoreAndSendsItOnceTheWindowOpens() {
		Instant night = startNight();
		Instant opens = night.plus(NIGHT_LENGTH);
		String from = twilioNumberWithFlow();
		String customer = TestNumbers.customerNumber();

		this.taps.publishBulk(RequestBodies.json(RequestBodies.minimal("night-1", from, customer)));

		await().atMost(CapturedMessages.PATIENCE).until(() -> heldReason("night-1") != null);
		assertThat(heldReason("night-1")).isEqualTo("WINDOW");
		assertThat(this.jdbc.sql("SELECT release_at FROM held_request WHERE request_id = 'night-1'")
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(opens);
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.meters.get("outbound.sms.requests.held")
				.tags("lane", "bulk", "reason", "window")
				.gauge()
				.value()).isGreaterThanOrEqualTo(1));
		// held, not going round: nothing on the broker, no Twilio call, no result
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> bulkMessages() == 0);
		assertThat(this.taps.results("night-1")).isEmpty();
		assertThat(this.emulator.flexChannels()).noneMatch((channel) -> customer.equals(channel.target()));

		this.clock.set(opens.plusSeconds(1));

		JsonNode event = this.taps.awaitResult("night-1");
		assertThat(event.path("outcome").asString()).isEqualTo("CREATED");
		// holding spent no attempt
		assertThat(event.path("attempts").asInt()).isEqualTo(1);
		assertThat(heldReason("night-1")).isNull();
		assertThat(this.taps.deadLetters("night-1")).isEmpty();
	}

	@Test
	void holdsARequestUntilItsNotBeforeThenSendsIt() {
		Instant night = startNight();
		String from = twilioNumberWithFlow();
		String customer = TestNumbers.customerNumber();
		Map<String, Object> body = RequestBodies.minimal("scheduled-1", from, customer);
		// half an hour on, written with an offset
		body.put("notBefore", DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(night.plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.ofHours(1))));

		this.taps.publish(RequestBodies.json(body), null);

		await().atMost(CapturedMessages.PATIENCE).until(() -> heldReason("scheduled-1") != null);
		assertThat(heldReason("scheduled-1")).isEqualTo("SCHEDULED");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.taps.results("scheduled-1").isEmpty());
		assertThat(this.emulator.flexChannels()).noneMatch((channel) -> customer.equals(channel.target()));

		this.clock.set(night.plus(Duration.ofMinutes(30)));

		assertThat(this.taps.awaitResult("scheduled-1").path("outcome").asString()).isEqualTo("CREATED");
	}

	@Test
	void endsARequestPastItsNotAfterExpiredWithoutTwilioOrDeadLetter() {
		Instant night = startNight();
		String from = twilioNumberWithFlow();
		String customer = TestNumbers.customerNumber();
		Map<String, Object> body = RequestBodies.minimal("expired-1", from, customer);
		body.put("notAfter", night.minusSeconds(1).toString());
		body.put("campaignId", "expiring");

		this.taps.publishBulk(RequestBodies.json(body));

		Message result = this.taps.awaitResultMessage("expired-1");
		assertThat(result.getMessageProperties().getReceivedRoutingKey()).isEqualTo("result.expired");
		JsonNode event = this.taps.awaitResult("expired-1");
		assertThat(event.path("outcome").asString()).isEqualTo("EXPIRED");
		assertThat(event.has("error")).isFalse();
		assertThat(this.taps.deadLetters("expired-1")).isEmpty();
		assertThat(this.emulator.flexChannels()).noneMatch((channel) -> customer.equals(channel.target()));
		assertThat(heldReason("expired-1")).isNull();
		assertThat(
				this.meters.get("outbound.sms.requests").tags("lane", "bulk", "outcome", "expired").counter().count())
			.isGreaterThanOrEqualTo(1);
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.campaigns.find("expiring").orElseThrow().counts())
				.containsEntry(Outcome.EXPIRED, 1L));
	}

	@Test
	void expiresAtOnceABulkRequestWhoseWindowOpensOnlyAfterItsNotAfter() {
		Instant night = startNight();
		String from = twilioNumberWithFlow();
		Map<String, Object> body = RequestBodies.minimal("too-late-1", from, TestNumbers.customerNumber());
		body.put("notAfter", night.plus(Duration.ofHours(6)).toString());

		this.taps.publishBulk(RequestBodies.json(body));

		assertThat(this.taps.awaitResult("too-late-1").path("outcome").asString()).isEqualTo("EXPIRED");
		assertThat(heldReason("too-late-1")).isNull();
	}

	@Test
	void theInteractiveLaneHasNoWindowByDefault() {
		startNight();
		String from = twilioNumberWithFlow();

		this.taps.publish(
				RequestBodies.json(RequestBodies.minimal("interactive-night-1", from, TestNumbers.customerNumber())),
				null);

		assertThat(this.taps.awaitResult("interactive-night-1").path("outcome").asString()).isEqualTo("CREATED");
		assertThat(heldReason("interactive-night-1")).isNull();
	}

	private String twilioNumberWithFlow() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		// the worker reads the flows again for an unknown number only once its clock has
		// moved since it last read them
		this.clock.advance(Duration.ofMillis(1));
		return from;
	}

	private Instant startNight() {
		Instant night = FIRST_NIGHT.plus(Duration.ofDays(nights.getAndIncrement()));
		this.clock.set(night);
		return night;
	}

	private String heldReason(String requestId) {
		List<String> reasons = this.jdbc.sql("SELECT reason FROM held_request WHERE request_id = :id")
			.param("id", requestId)
			.query(String.class)
			.list();
		return reasons.isEmpty() ? null : reasons.get(0);
	}

	/** Messages ready in the bulk lane's queue and its fair shares. */
	private int bulkMessages() {
		int messages = depth(this.names.bulkQueue());
		for (String share : this.names.shareQueues()) {
			messages += depth(share);
		}
		return messages;
	}

	private int depth(String queue) {
		Properties properties = this.admin.getQueueProperties(queue);
		return (properties != null) ? ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue() : 0;
	}

	/** The worker's clock, in the test's hands. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FakeTime {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(FIRST_NIGHT);
		}

	}

}
