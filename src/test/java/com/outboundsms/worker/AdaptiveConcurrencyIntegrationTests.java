package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.outboundsms.worker.emulator.TwilioEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When Twilio answers 429 because too many calls are in flight, the worker's limit on
 * calls in flight drops below its start, and every request still succeeds.
 */
@WorkerIntegrationTest
// the 429s before the limit has come down are retried: enough
// attempts that none runs out while it does (the harness's
// default is 3), and a firm backoff so that it comes down fast
@TestPropertySource(
		properties = { "twilio.limits.initial=20", "twilio.limits.max=30", "twilio.limits.backoff-ratio=0.5",
				"twilio.limits.rate-limits-enabled=false", "outbound-sms.inbound.max-attempts=12" })
class AdaptiveConcurrencyIntegrationTests {

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
	void backsOffWhenTwilioCapsConcurrencyAndStillSettlesEveryRequest() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.emulator.faults().concurrencyCap(8).latency(Duration.ofMillis(50));
		assertThat(gauge("outbound.sms.twilio.concurrency.limit")).isEqualTo(20);

		List<String> ids = IntStream.range(0, 80).mapToObj((i) -> "adaptive-" + i).toList();
		// a campaign: the bulk lane's consumers follow the ceiling of calls in flight, so
		// they can put more calls in flight than Twilio's cap
		ids.forEach((id) -> this.taps
			.publishBulk(RequestBodies.json(RequestBodies.minimal(id, from, TestNumbers.customerNumber()))));

		await().atMost(Duration.ofSeconds(30)).until(() -> gauge("outbound.sms.twilio.concurrency.limit") < 20);
		List<JsonNode> results = ids.stream().map(this.taps::awaitResult).toList();
		assertThat(results).allSatisfy((result) -> assertThat(result.path("outcome").asString()).isEqualTo("CREATED"));
		assertThat(this.emulator.requests().stream().filter((request) -> request.status() == 429)).isNotEmpty();
		assertThat(gauge("outbound.sms.twilio.inflight")).isZero();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
