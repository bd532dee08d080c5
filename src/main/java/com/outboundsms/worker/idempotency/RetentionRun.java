package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;

import com.outboundsms.worker.processing.Sleeper;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * One retention run: while holding a lock one instance at a time can hold, deletes the
 * rows past their age in batches, a kind at a time in turn, with a pause after every
 * batch that deleted rows; meters each batch and logs the run once.
 */
class RetentionRun {

	/** The lock's name in ShedLock's table. */
	static final String LOCK = "outbound-sms-retention";

	private static final Logger logger = LoggerFactory.getLogger(RetentionRun.class);

	private final NamedParameterJdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final LockProvider locks;

	private final RetentionProperties properties;

	private final Duration dedupeWindow;

	private final Clock clock;

	private final Sleeper sleeper;

	private final RetentionMetrics metrics;

	RetentionRun(NamedParameterJdbcOperations jdbc, TransactionOperations transactions, LockProvider locks,
			RetentionProperties properties, Duration dedupeWindow, Clock clock, Sleeper sleeper,
			RetentionMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.locks = locks;
		this.properties = properties;
		this.dedupeWindow = dedupeWindow;
		this.clock = clock;
		this.sleeper = sleeper;
		this.metrics = metrics;
	}

	/**
	 * Runs once, unless another instance holds the lock.
	 * @return what was deleted, or empty when another instance is running
	 */
	Optional<Swept> run() {
		Instant started = this.clock.instant();
		// held at most twice the run time: the batch under way when the time is up may
		// still finish before another instance can begin
		Optional<SimpleLock> lock = this.locks
			.lock(new LockConfiguration(started, LOCK, this.properties.maxRunTime().multipliedBy(2), Duration.ZERO));
		if (lock.isEmpty()) {
			logger.debug("Retention is running on another instance");
			return Optional.empty();
		}
		try {
			Swept swept = sweep(started);
			this.metrics.ran(this.clock.instant(), swept.took());
			log(swept);
			return Optional.of(swept);
		}
		finally {
			lock.get().unlock();
		}
	}

	private Swept sweep(Instant started) {
		Instant deadline = started.plus(this.properties.maxRunTime());
		Map<Sweep, Long> deleted = new EnumMap<>(Sweep.class);
		Queue<Sweep> due = new ArrayDeque<>(EnumSet.allOf(Sweep.class));
		while (!due.isEmpty()) {
			Sweep sweep = due.remove();
			Batch batch = deleteBatch(sweep, started);
			deleted.merge(sweep, (long) batch.deleted(), Long::sum);
			if (batch.found() >= this.properties.batchSize()) {
				// a full batch: more may be left, after the other kinds' turns
				due.add(sweep);
			}
			if (due.isEmpty()) {
				break;
			}
			if (!this.clock.instant().isBefore(deadline)) {
				return new Swept(deleted, false, Duration.between(started, this.clock.instant()));
			}
			if (batch.found() > 0) {
				this.sleeper.sleep(this.properties.pause());
			}
		}
		return new Swept(deleted, true, Duration.between(started, this.clock.instant()));
	}

	/**
	 * Finds a batch's keys and deletes them, in one short transaction: one commit per
	 * batch, and row locks held for no longer.
	 */
	private Batch deleteBatch(Sweep sweep, Instant started) {
		OffsetDateTime cutoff = sweep.cutoff(started, this.properties.age(), this.dedupeWindow)
			.atOffset(ZoneOffset.UTC);
		Batch batch = this.transactions.execute((status) -> {
			List<Map<String, Object>> keys = this.jdbc.queryForList(sweep.find(),
					Map.of("cutoff", cutoff, "batch", this.properties.batchSize()));
			if (keys.isEmpty()) {
				return new Batch(0, 0);
			}
			SqlParameterSource[] rows = keys.stream()
				.map((key) -> new MapSqlParameterSource(key).addValue("cutoff", cutoff))
				.toArray(SqlParameterSource[]::new);
			int deleted = Arrays.stream(this.jdbc.batchUpdate(sweep.delete(), rows)).filter((n) -> n > 0).sum();
			return new Batch(keys.size(), deleted);
		});
		this.metrics.deleted(sweep.table(), batch.deleted());
		return batch;
	}

	private void log(Swept swept) {
		logger.atInfo()
			.addKeyValue("deleted", swept.byTable())
			.addKeyValue("durationMs", swept.took().toMillis())
			.addKeyValue("finished", swept.finished())
			.log("Retention deleted {} request outcomes, {} HTTP door requests, {} closed and {} abandoned outreaches, "
					+ "{} campaigns' requests and {} campaigns older than {} in {} ms{}", swept.rows(Sweep.OUTCOMES),
					swept.rows(Sweep.DOOR_REQUESTS), swept.rows(Sweep.CLOSED_OUTREACHES),
					swept.rows(Sweep.ABANDONED_OUTREACHES), swept.rows(Sweep.CAMPAIGN_REQUESTS),
					swept.rows(Sweep.CAMPAIGNS), this.properties.age(), swept.took().toMillis(),
					swept.finished() ? "" : "; more is left for the next run (outbound-sms.retention.max-run-time)");
	}

	/**
	 * One batch: the rows found past their age, and those of them deleted (a row changed
	 * in between is kept).
	 */
	private record Batch(int found, int deleted) {
	}

	/**
	 * What one run deleted.
	 *
	 * @param deleted rows deleted by kind
	 * @param finished whether nothing past its age was left, or the run's time ran out
	 * first
	 * @param took how long the run took
	 */
	record Swept(Map<Sweep, Long> deleted, boolean finished, Duration took) {

		Swept {
			deleted = Map.copyOf(deleted);
		}

		long rows(Sweep sweep) {
			return this.deleted.getOrDefault(sweep, 0L);
		}

		/**
		 * The rows deleted by table, as the metrics count them.
		 * @return rows by table name
		 */
		Map<String, Long> byTable() {
			Map<String, Long> tables = new TreeMap<>();
			this.deleted.forEach((sweep, rows) -> tables.merge(sweep.table(), rows, Long::sum));
			return tables;
		}

	}

}
