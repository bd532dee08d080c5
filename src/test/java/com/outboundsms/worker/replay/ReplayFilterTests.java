package com.outboundsms.worker.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dead-lettered message's headers say about it, and which messages a filter moves.
 */
class ReplayFilterTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00.000Z");

	@Test
	void readsTheWorkersHeaders() {
		DeadLetteredMessage message = DeadLetteredMessage.of(Map.of("x-request-id", "req-1", "x-error-code",
				"RETRIES_EXHAUSTED", "x-last-attempt-at", "2026-11-23T10:00:00.000Z"), "msg-1", new Date(0));

		assertThat(message).isEqualTo(
				new DeadLetteredMessage("RETRIES_EXHAUSTED", "req-1", Instant.parse("2026-11-23T10:00:00.000Z")));
	}

	@Test
	void readsTheBrokersDeathWhenTheWorkerWroteNothing() {
		Date died = Date.from(Instant.parse("2026-11-23T09:00:00Z"));
		Map<String, Object> headers = Map.of("x-death",
				List.of(Map.of("reason", "delivery_limit", "time", died, "queue", "outbound-sms.requests"),
						Map.of("reason", "rejected", "time", new Date(0))));

		DeadLetteredMessage message = DeadLetteredMessage.of(headers, "msg-2", new Date(0));

		assertThat(message).isEqualTo(new DeadLetteredMessage("broker:delivery_limit", "msg-2", died.toInstant()));
	}

	@Test
	void fallsBackToTheTimestampAndThenToNothing() {
		Date timestamp = Date.from(Instant.parse("2026-11-20T00:00:00Z"));

		assertThat(DeadLetteredMessage.of(Map.of("x-last-attempt-at", "garbled"), null, timestamp))
			.isEqualTo(new DeadLetteredMessage("unknown", "-", timestamp.toInstant()));
		assertThat(DeadLetteredMessage.of(null, null, null).deadLetteredAt()).isNull();
	}

	@Test
	void movesEverythingWithoutFilters() {
		assertThat(ReplayFilter.all().matches(message("INVALID_REQUEST", null), NOW)).isTrue();
	}

	@Test
	void movesOnlyTheGivenErrorCodes() {
		ReplayFilter filter = new ReplayFilter(Set.of("RETRIES_EXHAUSTED", "broker:delivery_limit"), null, null);

		assertThat(filter.matches(message("RETRIES_EXHAUSTED", null), NOW)).isTrue();
		assertThat(filter.matches(message("broker:delivery_limit", null), NOW)).isTrue();
		assertThat(filter.matches(message("INVALID_REQUEST", null), NOW)).isFalse();
	}

	@Test
	void olderThanIncludesTheBoundary() {
		ReplayFilter filter = new ReplayFilter(Set.of(), Duration.ofHours(1), null);

		assertThat(filter.matches(message("X", NOW.minus(Duration.ofHours(1))), NOW)).isTrue();
		assertThat(filter.matches(message("X", NOW.minus(Duration.ofMinutes(59))), NOW)).isFalse();
	}

	@Test
	void newerThanExcludesTheBoundary() {
		ReplayFilter filter = new ReplayFilter(Set.of(), null, Duration.ofHours(1));

		assertThat(filter.matches(message("X", NOW.minus(Duration.ofMinutes(59))), NOW)).isTrue();
		assertThat(filter.matches(message("X", NOW.minus(Duration.ofHours(1))), NOW)).isFalse();
	}

	@Test
	void bothAgesMakeAWindowAndCombineWithTheErrorCode() {
		ReplayFilter filter = new ReplayFilter(Set.of("RETRIES_EXHAUSTED"), Duration.ofHours(1), Duration.ofDays(1));

		assertThat(filter.matches(message("RETRIES_EXHAUSTED", NOW.minus(Duration.ofHours(5))), NOW)).isTrue();
		assertThat(filter.matches(message("TWILIO_REJECTED", NOW.minus(Duration.ofHours(5))), NOW)).isFalse();
		assertThat(filter.matches(message("RETRIES_EXHAUSTED", NOW.minus(Duration.ofDays(2))), NOW)).isFalse();
		assertThat(filter.matches(message("RETRIES_EXHAUSTED", NOW.minus(Duration.ofMinutes(5))), NOW)).isFalse();
	}

	@Test
	void keepsAMessageOfUnknownAgeWhenAnAgeIsAskedFor() {
		ReplayFilter filter = new ReplayFilter(Set.of(), Duration.ofHours(1), null);

		assertThat(filter.matches(message("X", null), NOW)).isFalse();
	}

	private static DeadLetteredMessage message(String errorCode, @Nullable Instant at) {
		return new DeadLetteredMessage(errorCode, "id", at);
	}

}
