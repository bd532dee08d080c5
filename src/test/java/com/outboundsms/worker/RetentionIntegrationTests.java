package com.outboundsms.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole worker runs retention on its schedule: rows past the age leave the store and
 * the deleted-rows counter and the run meters move; younger rows stay.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.retention.initial-delay=0s", "outbound-sms.retention.interval=200ms" })
class RetentionIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@Test
	void deletesOutcomesPastTheAgeOnItsScheduleAndCountsThem() {
		Instant now = Instant.now();
		outcome("retention-old", now.minus(Duration.ofDays(31)));
		outcome("retention-young", now.minus(Duration.ofDays(29)));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(this.jdbc.sql("SELECT request_id FROM request_outcome").query(String.class).list())
						.doesNotContain("retention-old"));

		assertThat(this.jdbc.sql("SELECT request_id FROM request_outcome").query(String.class).list())
			.contains("retention-young");
		assertThat(this.registry.find("outbound.sms.retention.deleted").tag("table", "request_outcome").counter())
			.isNotNull()
			.extracting(Counter::count)
			.isEqualTo(1.0);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.registry.get("outbound.sms.retention.run").timer().count()).isPositive();
			assertThat(this.registry.get("outbound.sms.retention.last.run").gauge().value())
				.isCloseTo(now.getEpochSecond(), within(60.0));
		});
	}

	private void outcome(String requestId, Instant completedAt) {
		this.jdbc.sql("""
				INSERT INTO request_outcome (request_id, from_number, to_number, outcome, backend, sids, completed_at)
				VALUES (:request, '+15005550006', '+14155552671', 'CREATED', 'flex-legacy', '{}', :at)
				""").param("request", requestId).param("at", completedAt.atOffset(ZoneOffset.UTC)).update();
	}

}
