package com.outboundsms.worker.idempotency;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTests {

	private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void keepsOpenOutreachesForTheLongerOfTheAgeAndTheDedupeWindow() {
		assertThat(Sweep.CLOSED_OUTREACHES.cutoff(STARTED, Duration.ofHours(1), Duration.ofHours(24)))
			.isEqualTo(STARTED.minus(Duration.ofHours(24)));
		assertThat(Sweep.CLOSED_OUTREACHES.cutoff(STARTED, Duration.ofDays(30), Duration.ofHours(24)))
			.isEqualTo(STARTED.minus(Duration.ofDays(30)));
	}

	@Test
	void keepsEverythingElseForTheAge() {
		for (Sweep sweep : new Sweep[] { Sweep.OUTCOMES, Sweep.DOOR_REQUESTS, Sweep.ABANDONED_OUTREACHES }) {
			assertThat(sweep.cutoff(STARTED, Duration.ofHours(1), Duration.ofHours(24))).as(sweep.name())
				.isEqualTo(STARTED.minus(Duration.ofHours(1)));
		}
	}

	@Test
	void deletesEachRowByItsPrimaryKeyOnlyIfItStillQualifies() {
		assertThat(Sweep.CLOSED_OUTREACHES.delete()).isEqualTo(
				"DELETE FROM outreach WHERE from_number = :from_number AND to_number = :to_number AND state = 'OPEN' "
						+ "AND opened_at < :cutoff");
		assertThat(Sweep.OUTCOMES.find())
			.isEqualTo("SELECT request_id FROM request_outcome WHERE completed_at < :cutoff ORDER BY completed_at "
					+ "LIMIT :batch");
	}

}
