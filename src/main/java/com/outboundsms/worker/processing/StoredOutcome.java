package com.outboundsms.worker.processing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a request as the store keeps it, so that every copy of the request is
 * answered with the same outcome and SIDs as its first processing.
 *
 * @param outcome {@link Outcome#CREATED} or {@link Outcome#REUSED}, or
 * {@link Outcome#FAILED} for a failure that a copy of the request must not repeat (the
 * customer opted out: the outreach exists, its first message was refused)
 * @param backend the backend that made the outreach
 * @param pair the number pair the request was for, so that a request id reused for
 * another pair is refused
 * @param sids the outreach's SIDs
 * @param completedAt when the request was first completed
 * @param messageError why the first message was not posted although the outreach exists,
 * or {@code null}; for {@link Outcome#FAILED}, why the request failed
 */
public record StoredOutcome(Outcome outcome, String backend, NumberPair pair, Map<Sid, String> sids,
		Instant completedAt, @Nullable ErrorDetail messageError) {

	public StoredOutcome {
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(pair, "pair");
		if (outcome == Outcome.FAILED && (messageError == null || messageError.retryable())) {
			// other failures are not stored: a replayed request is processed again
			throw new IllegalArgumentException("a failed outcome is stored only with the refusal that ended it");
		}
		sids = OutreachProgress.copyOf(sids);
	}

	public StoredOutcome(Outcome outcome, String backend, NumberPair pair, Map<Sid, String> sids, Instant completedAt) {
		this(outcome, backend, pair, sids, completedAt, null);
	}

}
