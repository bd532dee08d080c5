package com.outboundsms.worker.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.processing.WorkerMetrics;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The idempotency store on JDBC. Every claim is one atomic statement (an insert guarded
 * by the primary key, or an update guarded by the fencing token), never a check followed
 * by an act.
 */
class JdbcOutreachStore implements OutreachStore {

	private static final String INSERT_CLAIM = """
			INSERT INTO outreach (from_number, to_number, backend, state, owner_request_id, progress,
			    lease_owner, lease_until, fence, created_at, updated_at)
			VALUES (:from, :to, :backend, 'PENDING', :request, :progress, :owner, :leaseUntil, 1, :now, :now)
			""";

	private static final String SELECT_OUTREACH = """
			SELECT backend, state, progress, lease_owner, lease_until, fence, opened_at, checked_at
			FROM outreach WHERE from_number = :from AND to_number = :to
			""";

	private static final String TAKE_OVER_PENDING = """
			UPDATE outreach SET backend = :backend, owner_request_id = :request, progress = :progress,
			    lease_owner = :owner, lease_until = :leaseUntil, fence = fence + 1, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String REPLACE_OPEN = """
			UPDATE outreach SET backend = :backend, state = 'PENDING', owner_request_id = :request,
			    progress = :progress, lease_owner = :owner, lease_until = :leaseUntil, fence = fence + 1,
			    created_at = :now, updated_at = :now, opened_at = NULL, checked_at = NULL
			WHERE from_number = :from AND to_number = :to AND state = 'OPEN' AND fence = :fence
			""";

	private static final String CHECKPOINT = """
			UPDATE outreach SET progress = :progress, lease_until = :leaseUntil, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String OPEN = """
			UPDATE outreach SET state = 'OPEN', progress = :progress, lease_owner = NULL, lease_until = NULL,
			    updated_at = :now, opened_at = :now, checked_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String CONFIRM_OPEN = """
			UPDATE outreach SET checked_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'OPEN' AND fence = :fence
			""";

	private static final String RELEASE = """
			UPDATE outreach SET lease_owner = NULL, lease_until = NULL, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String ABANDON = """
			DELETE FROM outreach
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String INSERT_OUTCOME = """
			INSERT INTO request_outcome (request_id, from_number, to_number, outcome, backend, sids, completed_at)
			VALUES (:request, :from, :to, :outcome, :backend, :sids, :completedAt)
			""";

	private static final String SELECT_OUTCOME = """
			SELECT outcome, backend, sids, completed_at FROM request_outcome WHERE request_id = :request
			""";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final IdempotencyProperties properties;

	private final Clock clock;

	private final String instanceId;

	private final String onConflictDoNothing;

	private final WorkerMetrics metrics;

	private final ProgressCodec codec = new ProgressCodec();

	/**
	 * Creates the store.
	 * @param onConflictDoNothing whether the database has PostgreSQL's
	 * {@code ON CONFLICT DO NOTHING}, which spares its log an error per refused insert;
	 * without it, the primary key still refuses the second insert and the refusal is
	 * caught
	 */
	JdbcOutreachStore(JdbcClient jdbc, TransactionOperations transactions, IdempotencyProperties properties,
			Clock clock, String instanceId, boolean onConflictDoNothing, WorkerMetrics metrics) {
		this.metrics = metrics;
		this.onConflictDoNothing = onConflictDoNothing ? " ON CONFLICT DO NOTHING" : "";
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.instanceId = instanceId;
	}

	@Override
	public Optional<StoredOutcome> findOutcome(String requestId) {
		return guarded("find-outcome",
				() -> this.jdbc.sql(SELECT_OUTCOME).param("request", requestId).query(this::outcome).optional());
	}

	@Override
	public Claim claim(NumberPair pair, String requestId, String backend) {
		return guarded("claim", () -> {
			while (true) {
				Instant now = this.clock.instant();
				int inserted = insertUnlessPresent(this.jdbc.sql(INSERT_CLAIM + this.onConflictDoNothing)
					.params(pairParams(pair))
					.param("backend", backend)
					.param("request", requestId)
					.param("progress", this.codec.write(OutreachProgress.none()))
					.param("owner", this.instanceId)
					.param("leaseUntil", time(now.plus(this.properties.lease())))
					.param("now", time(now)));
				if (inserted == 1) {
					return new Claim.Claimed(1, OutreachProgress.none());
				}
				Optional<Claim> existing = claimExisting(pair, requestId, backend, now);
				if (existing.isPresent()) {
					return existing.get();
				}
			}
		});
	}

	private Optional<Claim> claimExisting(NumberPair pair, String requestId, String backend, Instant now) {
		Optional<Row> found = this.jdbc.sql(SELECT_OUTREACH).params(pairParams(pair)).query(this::row).optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Row row = found.get();
		if ("OPEN".equals(row.state())) {
			return Optional.of(new Claim.Open(row.fence(), row.backend(), row.progress(), row.openedAt(),
					(row.checkedAt() != null) ? row.checkedAt() : row.openedAt()));
		}
		if (row.leaseUntil() != null && row.leaseUntil().isAfter(now)) {
			return Optional.of(new Claim.Busy(row.leaseUntil()));
		}
		// what another backend began is of no use to this one: it starts over
		OutreachProgress kept = row.backend().equals(backend) ? row.progress() : OutreachProgress.none();
		int taken = this.jdbc.sql(TAKE_OVER_PENDING)
			.params(pairParams(pair))
			.param("backend", backend)
			.param("progress", this.codec.write(kept))
			.param("request", requestId)
			.param("owner", this.instanceId)
			.param("leaseUntil", time(now.plus(this.properties.lease())))
			.param("now", time(now))
			.param("fence", row.fence())
			.update();
		return (taken == 1) ? Optional.of(new Claim.Claimed(row.fence() + 1, kept)) : Optional.empty();
	}

	@Override
	public Optional<Claim.Claimed> replace(NumberPair pair, Claim.Open open, String requestId, String backend) {
		return guarded("replace", () -> {
			Instant now = this.clock.instant();
			int replaced = this.jdbc.sql(REPLACE_OPEN)
				.params(pairParams(pair))
				.param("backend", backend)
				.param("request", requestId)
				.param("progress", this.codec.write(OutreachProgress.none()))
				.param("owner", this.instanceId)
				.param("leaseUntil", time(now.plus(this.properties.lease())))
				.param("now", time(now))
				.param("fence", open.fence())
				.update();
			return (replaced == 1) ? Optional.of(new Claim.Claimed(open.fence() + 1, OutreachProgress.none()))
					: Optional.empty();
		});
	}

	@Override
	public void checkpoint(NumberPair pair, long fence, OutreachProgress progress) {
		guarded("checkpoint", () -> {
			Instant now = this.clock.instant();
			int updated = this.jdbc.sql(CHECKPOINT)
				.params(pairParams(pair))
				.param("progress", this.codec.write(progress))
				.param("leaseUntil", time(now.plus(this.properties.lease())))
				.param("now", time(now))
				.param("fence", fence)
				.update();
			requireOwner(updated, fence);
			return null;
		});
	}

	@Override
	public void open(NumberPair pair, long fence, OutreachProgress progress, String requestId, StoredOutcome outcome) {
		guarded("open", () -> this.transactions.execute((status) -> {
			int updated = this.jdbc.sql(OPEN)
				.params(pairParams(pair))
				.param("progress", this.codec.write(progress))
				.param("now", time(this.clock.instant()))
				.param("fence", fence)
				.update();
			requireOwner(updated, fence);
			insertOutcome(requestId, pair, outcome);
			return null;
		}));
	}

	@Override
	public void confirmOpen(NumberPair pair, long fence) {
		guarded("confirm-open",
				() -> this.jdbc.sql(CONFIRM_OPEN)
					.params(pairParams(pair))
					.param("now", time(this.clock.instant()))
					.param("fence", fence)
					.update());
	}

	@Override
	public void recordOutcome(String requestId, NumberPair pair, StoredOutcome outcome) {
		guarded("record-outcome", () -> {
			insertOutcome(requestId, pair, outcome);
			return null;
		});
	}

	@Override
	public void release(NumberPair pair, long fence) {
		guarded("release",
				() -> this.jdbc.sql(RELEASE)
					.params(pairParams(pair))
					.param("now", time(this.clock.instant()))
					.param("fence", fence)
					.update());
	}

	@Override
	public void abandon(NumberPair pair, long fence) {
		guarded("abandon", () -> this.jdbc.sql(ABANDON).params(pairParams(pair)).param("fence", fence).update());
	}

	private void insertOutcome(String requestId, NumberPair pair, StoredOutcome outcome) {
		insertUnlessPresent(this.jdbc.sql(INSERT_OUTCOME + this.onConflictDoNothing)
			.params(pairParams(pair))
			.param("request", requestId)
			.param("outcome", outcome.outcome().name())
			.param("backend", outcome.backend())
			.param("sids", this.codec.writeSids(outcome.sids()))
			.param("completedAt", time(outcome.completedAt())));
	}

	/**
	 * Inserts, or does nothing when the primary key is taken; answers the rows inserted.
	 */
	private static int insertUnlessPresent(JdbcClient.StatementSpec insert) {
		try {
			return insert.update();
		}
		catch (DuplicateKeyException ex) {
			return 0;
		}
	}

	private static void requireOwner(int updated, long fence) {
		if (updated != 1) {
			throw new TransientFailure(
					"lost the claim on the pair (fence " + fence + "): another worker took the outreach over");
		}
	}

	private static Map<String, Object> pairParams(NumberPair pair) {
		return Map.of("from", pair.fromNumber(), "to", pair.toNumber());
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("backend"), rs.getString("state"), this.codec.read(rs.getString("progress")),
				instant(rs, "lease_until"), rs.getLong("fence"), instant(rs, "opened_at"), instant(rs, "checked_at"));
	}

	private StoredOutcome outcome(ResultSet rs, int rowNum) throws SQLException {
		return new StoredOutcome(Outcome.valueOf(rs.getString("outcome")), rs.getString("backend"),
				this.codec.readSids(rs.getString("sids")), instant(rs, "completed_at"));
	}

	private <T> T guarded(String operation, Supplier<T> work) {
		long started = System.nanoTime();
		try {
			return work.get();
		}
		catch (DataAccessResourceFailureException ex) {
			// no connection: every request would fail the same way, so consumption pauses
			throw new SystemicFailure(Dependency.STORE,
					"idempotency store unreachable: " + ex.getClass().getSimpleName(), null, null, ex);
		}
		catch (TransientDataAccessException | RecoverableDataAccessException ex) {
			throw new TransientFailure("idempotency store failed: " + ex.getClass().getSimpleName(), ex);
		}
		finally {
			this.metrics.storeCall(operation, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private record Row(String backend, String state, OutreachProgress progress, Instant leaseUntil, long fence,
			Instant openedAt, Instant checkedAt) {
	}

}
