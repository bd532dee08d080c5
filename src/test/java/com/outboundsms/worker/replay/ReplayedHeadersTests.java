package com.outboundsms.worker.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replayed request loses its dead-letter headers, keeps the rest and says when it was
 * replayed.
 */
class ReplayedHeadersTests {

	@Test
	void removesDeadLetterHeadersKeepsTheRestAndAddsReplayedAt() {
		Map<String, Object> deadLettered = new HashMap<>();
		deadLettered.put("x-request-id", "req-1");
		deadLettered.put("x-lane", "bulk");
		deadLettered.put("x-campaign-id", "spring-2027");
		deadLettered.put("x-error-code", "RETRIES_EXHAUSTED");
		deadLettered.put("x-error-message", "Twilio answered 503");
		deadLettered.put("x-attempts", 3);
		deadLettered.put("x-last-error", "Twilio answered 503");
		deadLettered.put("x-first-attempt-at", "2026-11-23T10:00:00.000Z");
		deadLettered.put("x-last-attempt-at", "2026-11-23T10:00:02.000Z");
		deadLettered.put("x-twilio-code", 20503);
		deadLettered.put("x-twilio-status", 503);
		deadLettered.put("x-death", List.of(Map.of("reason", "rejected")));
		deadLettered.put("x-first-death-reason", "rejected");
		deadLettered.put("x-first-death-queue", "outbound-sms.requests");
		deadLettered.put("x-last-death-exchange", "");
		deadLettered.put("x-delivery-count", 2);
		deadLettered.put("x-replayed-at", "2026-01-01T00:00:00.000Z");
		deadLettered.put("tenant", "acme");

		Map<String, Object> replayed = ReplayedHeaders.of(deadLettered, Instant.parse("2026-11-23T12:00:00Z"));

		assertThat(replayed).containsOnly(Map.entry("x-request-id", "req-1"), Map.entry("x-campaign-id", "spring-2027"),
				Map.entry("tenant", "acme"), Map.entry("x-replayed-at", "2026-11-23T12:00:00.000Z"));
	}

	@Test
	void putsBackEverythingButTheDeliveryCount() {
		Map<String, Object> delivered = Map.of("x-error-code", "INVALID_REQUEST", "x-death", List.of(),
				"x-delivery-count", 0);

		assertThat(ReplayedHeaders.withoutDeliveryCount(delivered))
			.containsOnly(Map.entry("x-error-code", "INVALID_REQUEST"), Map.entry("x-death", List.of()));
		assertThat(ReplayedHeaders.withoutDeliveryCount(Map.of("x-delivery-count", 0))).isNull();
		assertThat(ReplayedHeaders.withoutDeliveryCount(null)).isNull();
	}

	@Test
	void addsReplayedAtToAMessageWithoutHeaders() {
		assertThat(ReplayedHeaders.of(null, Instant.parse("2026-11-23T12:00:00.5Z")))
			.containsOnly(Map.entry("x-replayed-at", "2026-11-23T12:00:00.500Z"));
	}

}
