package com.outboundsms.worker.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The idempotency store in memory, with the JDBC store's semantics: a claim inserts the
 * pair's row or takes over a pending row whose lease ran out, answers {@code Busy} while
 * the lease runs and {@code Open} for an open row; fencing tokens are never given out
 * twice; writes carrying a stale fencing token, and checkpoints after the lease ran out,
 * fail with {@link TransientFailure} (checkpoint, open) or change nothing (replace,
 * release, abandon); an outcome stored for a request id stays and is answered.
 */
final class InMemoryOutreachStore implements OutreachStore {

	static final Duration LEASE = Duration.ofSeconds(60);

	private final Clock clock;

	private final Map<NumberPair, Row> rows = new HashMap<>();

	private final Map<String, StoredOutcome> outcomes = new HashMap<>();

	private long lastFence;

	InMemoryOutreachStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Optional<StoredOutcome> findOutcome(String requestId) {
		return Optional.ofNullable(this.outcomes.get(requestId));
	}

	@Override
	public synchronized Claim claim(NumberPair pair, String requestId, String backend) {
		Instant now = this.clock.instant();
		Row row = this.rows.get(pair);
		if (row == null) {
			long fence = nextFence();
			this.rows.put(pair, Row.pending(backend, requestId, OutreachProgress.none(), now.plus(LEASE), fence));
			return new Claim.Claimed(fence, OutreachProgress.none());
		}
		if (row.state() == State.OPEN) {
			return new Claim.Open(row.fence(), row.backend(), row.progress(), row.openedAt(), row.checkedAt());
		}
		if (row.leaseUntil() != null && row.leaseUntil().isAfter(now)) {
			return new Claim.Busy(Duration.between(now, row.leaseUntil()));
		}
		long fence = nextFence();
		OutreachProgress kept = row.backend().equals(backend) ? row.progress() : OutreachProgress.none();
		this.rows.put(pair, Row.pending(backend, requestId, kept, now.plus(LEASE), fence));
		return new Claim.Claimed(fence, kept);
	}

	@Override
	public synchronized Optional<Claim.Claimed> replace(NumberPair pair, Claim.Open open, String requestId,
			String backend, Map<Sid, String> startingSids) {
		Row row = this.rows.get(pair);
		if (row == null || row.state() != State.OPEN || row.fence() != open.fence()) {
			return Optional.empty();
		}
		long fence = nextFence();
		OutreachProgress start = new OutreachProgress("", startingSids, Set.of());
		this.rows.put(pair, Row.pending(backend, requestId, start, this.clock.instant().plus(LEASE), fence));
		return Optional.of(new Claim.Claimed(fence, start));
	}

	@Override
	public synchronized void checkpoint(NumberPair pair, long fence, OutreachProgress progress) {
		Row row = owned(pair, fence);
		if (row.leaseUntil() == null || !row.leaseUntil().isAfter(this.clock.instant())) {
			throw new TransientFailure("lost the claim on the pair (fence " + fence + "): its lease ran out");
		}
		this.rows.put(pair,
				Row.pending(row.backend(), row.ownerRequestId(), progress, this.clock.instant().plus(LEASE), fence));
	}

	@Override
	public synchronized StoredOutcome open(NumberPair pair, long fence, OutreachProgress progress, String requestId,
			StoredOutcome outcome) {
		Row row = owned(pair, fence);
		this.rows.put(pair, new Row(row.backend(), State.OPEN, row.ownerRequestId(), progress, null, fence,
				this.clock.instant(), this.clock.instant()));
		return recordOutcome(requestId, pair, outcome);
	}

	@Override
	public synchronized void confirmOpen(NumberPair pair, long fence) {
		Row row = this.rows.get(pair);
		if (row != null && row.state() == State.OPEN && row.fence() == fence) {
			this.rows.put(pair, new Row(row.backend(), State.OPEN, row.ownerRequestId(), row.progress(), null, fence,
					row.openedAt(), this.clock.instant()));
		}
	}

	@Override
	public synchronized boolean closeConversation(String conversationSid) {
		return this.rows.values()
			.removeIf((row) -> row.state() == State.OPEN
					&& row.progress().sid(Sid.CONVERSATION).filter(conversationSid::equals).isPresent());
	}

	@Override
	public synchronized StoredOutcome recordOutcome(String requestId, NumberPair pair, StoredOutcome outcome) {
		StoredOutcome earlier = this.outcomes.putIfAbsent(requestId, outcome);
		return (earlier != null) ? earlier : outcome;
	}

	@Override
	public synchronized void release(NumberPair pair, long fence) {
		Row row = this.rows.get(pair);
		if (isOwned(row, fence)) {
			this.rows.put(pair, Row.pending(row.backend(), row.ownerRequestId(), row.progress(), null, fence));
		}
	}

	@Override
	public synchronized void reopen(NumberPair pair, long fence, Claim.Open replaced) {
		Row row = this.rows.get(pair);
		if (isOwned(row, fence)) {
			this.rows.put(pair, new Row(row.backend(), State.OPEN, row.ownerRequestId(), replaced.progress(), null,
					fence, replaced.openedAt(), replaced.checkedAt()));
		}
	}

	@Override
	public synchronized void abandon(NumberPair pair, long fence) {
		if (isOwned(this.rows.get(pair), fence)) {
			this.rows.remove(pair);
		}
	}

	/**
	 * The pair's row as it is now.
	 * @param pair the pair
	 * @return the row, empty if the pair is free
	 */
	synchronized Optional<Row> row(NumberPair pair) {
		return Optional.ofNullable(this.rows.get(pair));
	}

	private long nextFence() {
		this.lastFence++;
		return this.lastFence;
	}

	private Row owned(NumberPair pair, long fence) {
		Row row = this.rows.get(pair);
		if (!isOwned(row, fence)) {
			throw new TransientFailure(
					"lost the claim on the pair (fence " + fence + "): another worker took the outreach over");
		}
		return row;
	}

	private static boolean isOwned(Row row, long fence) {
		return row != null && row.state() == State.PENDING && row.fence() == fence;
	}

	enum State {

		PENDING, OPEN

	}

	record Row(String backend, State state, String ownerRequestId, OutreachProgress progress, Instant leaseUntil,
			long fence, Instant openedAt, Instant checkedAt) {

		static Row pending(String backend, String requestId, OutreachProgress progress, Instant leaseUntil,
				long fence) {
			return new Row(backend, State.PENDING, requestId, progress, leaseUntil, fence, null, null);
		}

	}

}
