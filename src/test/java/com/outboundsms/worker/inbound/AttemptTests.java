package com.outboundsms.worker.inbound;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	@Test
	void aRequestWithoutRetryHeadersIsOnItsFirstAttempt() {
		Attempt attempt = Attempt.of(new MessageProperties(), NOW);

		assertThat(attempt).isEqualTo(new Attempt(1, NOW, NOW));
	}

	@Test
	void aDelayedCopyCarriesItsAttemptsAndFirstAttemptTime() {
		MessageProperties copy = new MessageProperties();
		new Attempt(3, Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:05:00Z")).stamp(copy);

		Attempt next = Attempt.of(copy, NOW);

		assertThat(next).isEqualTo(new Attempt(4, Instant.parse("2026-11-23T10:00:00Z"), NOW));
		assertThat(copy.getHeaders()).containsEntry("x-last-attempt-at", "2026-11-23T10:05:00.000Z");
	}

	@Test
	void headersThatDoNotParseOrLieAboutTheFutureCountAsAFirstAttempt() {
		MessageProperties forged = new MessageProperties();
		forged.setHeader("x-attempts", "many");
		forged.setHeader("x-first-attempt-at", "2099-01-01T00:00:00Z");

		assertThat(Attempt.of(forged, NOW)).isEqualTo(new Attempt(1, NOW, NOW));
	}

}
