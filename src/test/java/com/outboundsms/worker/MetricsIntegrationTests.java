package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.outboundsms.worker.emulator.TwilioEmulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's meters count what it did, by bounded tags only: no phone number, request
 * id or SID ever becomes a tag value. The backlog meters follow the request queue's depth
 * and the requests' age, and the pause gauge follows consumption.
 */
@WorkerIntegrationTest
class MetricsIntegrationTests {

	private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	MeterRegistry registry;

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void countsOutcomesTwilioCallsAndStoreOperationsWithBoundedTags() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		double createdBefore = count("outbound.sms.requests", "outcome", "created");
		double invalidBefore = count("outbound.sms.deadletters", "reason", "INVALID_REQUEST");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("metrics-1", from, to)), null);
		JsonNode result = this.taps.awaitResult("metrics-1");
		this.taps.publish("not json", "metrics-bad-1");
		this.taps.awaitResult("metrics-bad-1");

		assertThat(count("outbound.sms.requests", "outcome", "created")).isEqualTo(createdBefore + 1);
		assertThat(count("outbound.sms.deadletters", "reason", "INVALID_REQUEST")).isEqualTo(invalidBefore + 1);
		assertThat(this.registry.find("outbound.sms.twilio.calls")
			.tag("endpoint", "flex-api/v1/Channels")
			.tag("status", "2xx")
			.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isPositive());
		assertThat(this.registry.find("outbound.sms.twilio.calls")
			.tag("endpoint", "proxy/v1/Services/{sid}/Sessions")
			.timer()).isNotNull();
		assertThat(this.registry.find("outbound.sms.store").tag("operation", "claim").timer()).isNotNull()
			.satisfies((timer) -> assertThat(timer.count()).isPositive());
		List<String> personal = List.of(from, to, from.substring(1), to.substring(1), "metrics-1", "metrics-bad-1",
				result.path("chatChannelSid").asString(), result.path("proxySessionSid").asString());
		assertThat(this.registry.getMeters())
			.allSatisfy((meter) -> assertThat(tagValues(meter)).noneMatch((value) -> SID.matcher(value).find()
					|| personal.stream().anyMatch((forbidden) -> value.contains(forbidden))));
	}

	@Test
	void pauseGaugeAndQueueDepthFollowAPauseForBadCredentials() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		assertThat(gauge("outbound.sms.consumption.paused", "dependency", "twilio")).isZero();
		assertThat(gauge("outbound.sms.consumption.paused", "dependency", "store")).isZero();
		this.emulator.faults().badCredentials(true);

		this.taps.publish(
				RequestBodies.json(RequestBodies.minimal("metrics-paused-1", from, TestNumbers.customerNumber())),
				null);

		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(gauge("outbound.sms.consumption.paused", "dependency", "twilio")).isOne());
		assertThat(gauge("outbound.sms.consumption.paused", "dependency", "store")).isZero();
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(gauge("outbound.sms.queue.messages", "queue", "requests")).isOne());
		// read, not unknown (NaN): the paused request went back to its queue, not to the
		// dead letters
		assertThat(gauge("outbound.sms.queue.messages", "queue", "dead-letters")).isZero();

		this.emulator.faults().badCredentials(false);

		this.taps.awaitResult("metrics-paused-1");
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(gauge("outbound.sms.consumption.paused", "dependency", "twilio")).isZero());
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(gauge("outbound.sms.queue.messages", "queue", "requests")).isZero());
	}

	@Test
	void measuresTheAgeOfRequestsFromTheirTimestampAndOfRetriesFromTheirFirstAttempt() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		long firstBefore = age("first").count();
		long retryBefore = age("retry").count();
		this.emulator.faults().failNext("POST", "/flex-api/v1/Channels", 503, 20003, "Service unavailable");
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setTimestamp(Date.from(Instant.now().minus(Duration.ofMinutes(5))));
		String body = RequestBodies.json(RequestBodies.minimal("metrics-age-1", from, TestNumbers.customerNumber()));

		this.taps.publish(new Message(body.getBytes(StandardCharsets.UTF_8), properties));

		assertThat(this.taps.awaitResult("metrics-age-1").path("attempts").asInt()).isEqualTo(2);
		assertThat(age("first").count()).isEqualTo(firstBefore + 1);
		assertThat(age("first").max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(299);
		assertThat(age("retry").count()).isEqualTo(retryBefore + 1);
	}

	private Timer age(String attempt) {
		return this.registry.get("outbound.sms.request.age").tag("lane", "interactive").tag("attempt", attempt).timer();
	}

	private double gauge(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).gauge().value();
	}

	private double count(String name, String tag, String value) {
		return this.registry.find(name).tag(tag, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private static List<String> tagValues(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getValue).toList();
	}

}
