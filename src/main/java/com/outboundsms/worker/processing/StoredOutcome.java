package com.outboundsms.worker.processing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a request as the store keeps it, so that a redelivered request is
 * answered with the same outcome and SIDs as its first processing.
 *
 * @param outcome {@link Outcome#CREATED} or {@link Outcome#REUSED}
 * @param backend the backend that made the outreach
 * @param sids the outreach's SIDs
 * @param completedAt when the request was first completed
 */
public record StoredOutcome(Outcome outcome, String backend, Map<Sid, String> sids, Instant completedAt) {

	public StoredOutcome {
		Objects.requireNonNull(outcome, "outcome");
		if (outcome == Outcome.FAILED) {
			throw new IllegalArgumentException("failed outcomes are not stored: a replayed request is processed again");
		}
		sids = OutreachProgress.copyOf(sids);
	}

}
