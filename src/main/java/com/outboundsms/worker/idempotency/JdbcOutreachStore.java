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
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The idempotency store on JDBC. Every claim is one atomic statement (an insert guarded
 * by the primary key, or an update guarded by the fencing token and the lease), never a
 * check followed by an act. Leases are written and compared with the database's clock
 * only, and every new fencing token is drawn from one sequence, so that a token never
 * repeats for a pair.
 */
class JdbcOutreachStore implements OutreachStore {

	/** The end of a lease that starts now, on the database's clock. */
	private static final String LEASE_END = "CURRENT_TIMESTAMP + CAST(:leaseMillis AS BIGINT) * INTERVAL '0.001' SECOND";

	private static final String NEXT_FENCE = "nextval('outreach_fence')";

	private static final String INSERT_CLAIM = """
			INSERT INTO outreach (from_number, to_number, backend, state, owner_request_id, progress,
			    lease_owner, lease_until, fence, created_at, updated_at)
			VALUES (:from, :to, :backend, 'PENDING', :request, :progress, :owner, %s, %s, :now, :now)
			""".formatted(LEASE_END, NEXT_FENCE);

	private static final String SELECT_OUTREACH = """
			SELECT backend, state, progress, lease_until, fence, opened_at, checked_at, CURRENT_TIMESTAMP AS db_now
			FROM outreach WHERE from_number = :from AND to_number = :to
			""";

	/**
	 * Takes a pending outreach over only once its lease ran out, and only as it was read:
	 * its owner cannot checkpoint after that (its lease is over), and its progress is the
	 * one the new owner resumes from, never written back.
	 */
	private static final String TAKE_OVER_PENDING = """
			UPDATE outreach SET owner_request_id = :request, lease_owner = :owner, lease_until = %s,
			    fence = %s, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			    AND backend = :backend AND progress = :progress
			    AND (lease_until IS NULL OR lease_until <= CURRENT_TIMESTAMP)
			""".formatted(LEASE_END, NEXT_FENCE);

	/** What another backend began is of no use to this one: it starts over. */
	private static final String TAKE_OVER_FOR_ANOTHER_BACKEND = """
			UPDATE outreach SET backend = :backend, owner_request_id = :request, progress = :fresh,
			    lease_owner = :owner, lease_until = %s, fence = %s, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			    AND backend <> :backend AND (lease_until IS NULL OR lease_until <= CURRENT_TIMESTAMP)
			""".formatted(LEASE_END, NEXT_FENCE);

	private static final String REPLACE_OPEN = """
			UPDATE outreach SET backend = :backend, state = 'PENDING', owner_request_id = :request,
			    progress = :fresh, lease_owner = :owner, lease_until = %s, fence = %s,
			    created_at = :now, updated_at = :now, opened_at = NULL, checked_at = NULL, conversation_sid = NULL
			WHERE from_number = :from AND to_number = :to AND state = 'OPEN' AND fence = :fence
			""".formatted(LEASE_END, NEXT_FENCE);

	/**
	 * A checkpoint renews a lease that still runs; one that ran out may be taken over.
	 */
	private static final String CHECKPOINT = """
			UPDATE outreach SET progress = :progress, lease_until = %s, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			    AND lease_until > CURRENT_TIMESTAMP
			""".formatted(LEASE_END);

	private static final String OPEN = """
			UPDATE outreach SET state = 'OPEN', progress = :progress, lease_owner = NULL, lease_until = NULL,
			    updated_at = :now, opened_at = :now, checked_at = :now, conversation_sid = :conversation
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String CONFIRM_OPEN = """
			UPDATE outreach SET checked_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'OPEN' AND fence = :fence
			""";

	/**
	 * Twilio closed the conversation: the pair is free, as if retention had deleted the
	 * row. Only an open outreach: a pending one has an owner, which fences its own row.
	 */
	private static final String CLOSE_CONVERSATION = """
			DELETE FROM outreach WHERE conversation_sid = :conversation AND state = 'OPEN'
			""";

	private static final String RELEASE = """
			UPDATE outreach SET lease_owner = NULL, lease_until = NULL, updated_at = :now
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String ABANDON = """
			DELETE FROM outreach
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String REOPEN = """
			UPDATE outreach SET state = 'OPEN', progress = :progress, lease_owner = NULL, lease_until = NULL,
			    updated_at = :now, opened_at = :openedAt, checked_at = :checkedAt, conversation_sid = :conversation
			WHERE from_number = :from AND to_number = :to AND state = 'PENDING' AND fence = :fence
			""";

	private static final String INSERT_OUTCOME = """
			INSERT INTO request_outcome (request_id, from_number, to_number, outcome, backend, sids, completed_at,
			    message_error)
			VALUES (:request, :from, :to, :outcome, :backend, :sids, :completedAt, :messageError)
			""";

	private static final String SELECT_OUTCOME = """
			SELECT from_number, to_number, outcome, backend, sids, completed_at, message_error
			FROM request_outcome WHERE request_id = :request
			""";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final IdempotencyProperties properties;

	private final Clock clock;

	private final String instanceId;

	private final String onConflictDoNothing;

	private final WorkerMetrics metrics;

	private final ProgressCodec codec;

	/**
	 * Creates the store.
	 * @param onConflictDoNothing whether the database has PostgreSQL's
	 * {@code ON CONFLICT DO NOTHING}, which spares its log an error per refused insert;
	 * without it, the primary key still refuses the second insert and the refusal is
	 * caught
	 * @param json the application's JSON mapper, for the progress kept in a row
	 */
	JdbcOutreachStore(JdbcClient jdbc, TransactionOperations transactions, IdempotencyProperties properties,
			Clock clock, String instanceId, boolean onConflictDoNothing, WorkerMetrics metrics, JsonMapper json) {
		this.codec = new ProgressCodec(json);
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
		return guarded("find-outcome", () -> storedOutcome(requestId));
	}

	@Override
	public Claim claim(NumberPair pair, String requestId, String backend) {
		return guarded("claim", () -> {
			while (true) {
				OutreachProgress fresh = freshProgress();
				KeyHolder fence = new GeneratedKeyHolder();
				int inserted = insertUnlessPresent(this.jdbc.sql(INSERT_CLAIM + this.onConflictDoNothing)
					.params(pairParams(pair))
					.param("backend", backend)
					.param("request", requestId)
					.param("progress", this.codec.write(fresh))
					.param("owner", this.instanceId)
					.param("leaseMillis", leaseMillis())
					.param("now", time(this.clock.instant())), fence);
				if (inserted == 1) {
					return new Claim.Claimed(fence(fence), fresh);
				}
				Optional<Claim> existing = claimExisting(pair, requestId, backend);
				if (existing.isPresent()) {
					return existing.get();
				}
			}
		});
	}

	private Optional<Claim> claimExisting(NumberPair pair, String requestId, String backend) {
		Optional<Row> found = this.jdbc.sql(SELECT_OUTREACH).params(pairParams(pair)).query(this::row).optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Row row = found.get();
		if ("OPEN".equals(row.state())) {
			return Optional.of(new Claim.Open(row.fence(), row.backend(), this.codec.read(row.progress()),
					row.openedAt(), (row.checkedAt() != null) ? row.checkedAt() : row.openedAt()));
		}
		if (row.leaseUntil() != null && row.leaseUntil().isAfter(row.dbNow())) {
			return Optional.of(new Claim.Busy(Duration.between(row.dbNow(), row.leaseUntil())));
		}
		return row.backend().equals(backend) ? takeOver(pair, requestId, backend, row)
				: takeOverForAnotherBackend(pair, requestId, backend, row);
	}

	private Optional<Claim> takeOver(NumberPair pair, String requestId, String backend, Row row) {
		KeyHolder fence = new GeneratedKeyHolder();
		int taken = this.jdbc.sql(TAKE_OVER_PENDING)
			.params(pairParams(pair))
			.param("backend", backend)
			.param("progress", row.progress())
			.param("request", requestId)
			.param("owner", this.instanceId)
			.param("leaseMillis", leaseMillis())
			.param("now", time(this.clock.instant()))
			.param("fence", row.fence())
			.update(fence, "fence");
		return (taken == 1) ? Optional.of(new Claim.Claimed(fence(fence), this.codec.read(row.progress())))
				: Optional.empty();
	}

	private Optional<Claim> takeOverForAnotherBackend(NumberPair pair, String requestId, String backend, Row row) {
		OutreachProgress fresh = freshProgress();
		KeyHolder fence = new GeneratedKeyHolder();
		int taken = this.jdbc.sql(TAKE_OVER_FOR_ANOTHER_BACKEND)
			.params(pairParams(pair))
			.param("backend", backend)
			.param("fresh", this.codec.write(fresh))
			.param("request", requestId)
			.param("owner", this.instanceId)
			.param("leaseMillis", leaseMillis())
			.param("now", time(this.clock.instant()))
			.param("fence", row.fence())
			.update(fence, "fence");
		return (taken == 1) ? Optional.of(new Claim.Claimed(fence(fence), fresh)) : Optional.empty();
	}

	@Override
	public Optional<Claim.Claimed> replace(NumberPair pair, Claim.Open open, String requestId, String backend,
			Map<Sid, String> startingSids) {
		return guarded("replace", () -> {
			OutreachProgress fresh = new OutreachProgress(freshProgress().outreachId(), startingSids, Set.of());
			KeyHolder fence = new GeneratedKeyHolder();
			int replaced = this.jdbc.sql(REPLACE_OPEN)
				.params(pairParams(pair))
				.param("backend", backend)
				.param("request", requestId)
				.param("fresh", this.codec.write(fresh))
				.param("owner", this.instanceId)
				.param("leaseMillis", leaseMillis())
				.param("now", time(this.clock.instant()))
				.param("fence", open.fence())
				.update(fence, "fence");
			return (replaced == 1) ? Optional.of(new Claim.Claimed(fence(fence), fresh)) : Optional.empty();
		});
	}

	@Override
	public void checkpoint(NumberPair pair, long fence, OutreachProgress progress) {
		guarded("checkpoint", () -> {
			int updated = this.jdbc.sql(CHECKPOINT)
				.params(pairParams(pair))
				.param("progress", this.codec.write(progress))
				.param("leaseMillis", leaseMillis())
				.param("now", time(this.clock.instant()))
				.param("fence", fence)
				.update();
			if (updated != 1) {
				throw new TransientFailure("lost the claim on the pair (fence " + fence
						+ "): its lease ran out or another worker took the outreach over");
			}
			return null;
		});
	}

	@Override
	public StoredOutcome open(NumberPair pair, long fence, OutreachProgress progress, String requestId,
			StoredOutcome outcome) {
		return guarded("open", () -> this.transactions.execute((status) -> {
			int updated = this.jdbc.sql(OPEN)
				.params(pairParams(pair))
				.param("progress", this.codec.write(progress))
				.param("now", time(this.clock.instant()))
				.param("fence", fence)
				.param("conversation", progress.sid(Sid.CONVERSATION).orElse(null))
				.update();
			if (updated != 1) {
				throw new TransientFailure(
						"lost the claim on the pair (fence " + fence + "): another worker took the outreach over");
			}
			return insertOrFindOutcome(requestId, pair, outcome);
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
	public boolean closeConversation(String conversationSid) {
		return guarded("close-conversation",
				() -> this.jdbc.sql(CLOSE_CONVERSATION).param("conversation", conversationSid).update() > 0);
	}

	@Override
	public StoredOutcome recordOutcome(String requestId, NumberPair pair, StoredOutcome outcome) {
		return guarded("record-outcome", () -> insertOrFindOutcome(requestId, pair, outcome));
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
	public void reopen(NumberPair pair, long fence, Claim.Open replaced) {
		guarded("reopen",
				() -> this.jdbc.sql(REOPEN)
					.params(pairParams(pair))
					.param("progress", this.codec.write(replaced.progress()))
					.param("now", time(this.clock.instant()))
					.param("openedAt", time(replaced.openedAt()))
					.param("checkedAt", time(replaced.checkedAt()))
					.param("fence", fence)
					.param("conversation", replaced.progress().sid(Sid.CONVERSATION).orElse(null))
					.update());
	}

	@Override
	public void abandon(NumberPair pair, long fence) {
		guarded("abandon", () -> this.jdbc.sql(ABANDON).params(pairParams(pair)).param("fence", fence).update());
	}

	/**
	 * Stores the request's outcome unless one is stored already, and answers the one
	 * stored: every copy of a request gets the outcome the first one stored.
	 */
	private StoredOutcome insertOrFindOutcome(String requestId, NumberPair pair, StoredOutcome outcome) {
		int inserted = insertUnlessPresent(this.jdbc.sql(INSERT_OUTCOME + this.onConflictDoNothing)
			.params(pairParams(pair))
			.param("request", requestId)
			.param("outcome", outcome.outcome().name())
			.param("backend", outcome.backend())
			.param("sids", this.codec.writeSids(outcome.sids()))
			.param("completedAt", time(outcome.completedAt()))
			.param("messageError", this.codec.writeError(outcome.messageError())), null);
		if (inserted == 1) {
			return outcome;
		}
		return storedOutcome(requestId).orElseThrow(() -> new TransientFailure(
				"the outcome of request " + requestId + " was refused as a duplicate but cannot be read"));
	}

	private Optional<StoredOutcome> storedOutcome(String requestId) {
		return this.jdbc.sql(SELECT_OUTCOME).param("request", requestId).query(this::outcome).optional();
	}

	private OutreachProgress freshProgress() {
		return OutreachProgress.start(UUID.randomUUID().toString());
	}

	private long leaseMillis() {
		return this.properties.lease().toMillis();
	}

	/**
	 * Inserts, or does nothing when the primary key is taken; answers the rows inserted.
	 */
	private static int insertUnlessPresent(JdbcClient.StatementSpec insert, @Nullable KeyHolder fence) {
		try {
			return (fence != null) ? insert.update(fence, "fence") : insert.update();
		}
		catch (DuplicateKeyException ex) {
			return 0;
		}
	}

	private static long fence(KeyHolder keys) {
		Map<String, Object> row = keys.getKeys();
		Object fence = (row == null) ? null
				: row.entrySet()
					.stream()
					.filter((entry) -> entry.getKey().equalsIgnoreCase("fence"))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElse(null);
		if (!(fence instanceof Number number)) {
			throw new IllegalStateException("the database returned no fencing token");
		}
		return number.longValue();
	}

	private static Map<String, Object> pairParams(NumberPair pair) {
		return Map.of("from", pair.fromNumber(), "to", pair.toNumber());
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("backend"), rs.getString("state"), rs.getString("progress"),
				instant(rs, "lease_until"), rs.getLong("fence"), instant(rs, "opened_at"), instant(rs, "checked_at"),
				instant(rs, "db_now"));
	}

	private StoredOutcome outcome(ResultSet rs, int rowNum) throws SQLException {
		return new StoredOutcome(Outcome.valueOf(rs.getString("outcome")), rs.getString("backend"),
				new NumberPair(rs.getString("from_number"), rs.getString("to_number")),
				this.codec.readSids(rs.getString("sids")), instant(rs, "completed_at"),
				this.codec.readError(rs.getString("message_error")));
	}

	private <T extends @Nullable Object> T guarded(String operation, Supplier<T> work) {
		long started = System.nanoTime();
		try {
			return work.get();
		}
		catch (DataAccessResourceFailureException | CannotCreateTransactionException ex) {
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

	/**
	 * An outreach row as read, with the database's clock at the moment of reading.
	 */
	private record Row(String backend, String state, String progress, @Nullable Instant leaseUntil, long fence,
			@Nullable Instant openedAt, @Nullable Instant checkedAt, Instant dbNow) {
	}

}
