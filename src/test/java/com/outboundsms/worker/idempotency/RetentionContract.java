package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.Sleeper;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What retention must do on every database the store runs on: the same tests against the
 * embedded database and PostgreSQL, migrated by the real Flyway scripts, with rows made
 * by the real store.
 */
abstract class RetentionContract {

	static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	static final Duration DAY = Duration.ofDays(1);

	static final Duration AGE = Duration.ofDays(30);

	static final Duration DEDUPE_WINDOW = Duration.ofHours(24);

	private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

	private final Clock clock = ((InstantSource) this.now::get).withZone(ZoneOffset.UTC);

	private final List<Duration> pauses = new ArrayList<>();

	private final RecordingRetentionMetrics metrics = new RecordingRetentionMetrics();

	private StatementHook dataSource;

	private int pairs;

	protected abstract DataSource freshDatabase();

	/**
	 * How the database would find the rows a statement works on, with fresh statistics of
	 * the table, preferring indexes wherever one serves (a test table is too small for a
	 * planner to bother).
	 * @param database the store
	 * @param table the statement's table
	 * @param sql the statement
	 * @param params its parameters
	 * @return the plan as text
	 */
	protected abstract String planOf(DataSource database, String table, String sql, Map<String, Object> params);

	/**
	 * The query that answers the current session's id, as {@link #blockedSessions()}
	 * takes it.
	 * @return the SQL
	 */
	protected abstract String sessionId();

	/**
	 * The query that counts the sessions waiting for a lock the session {@code :holder}
	 * holds.
	 * @return the SQL
	 */
	protected abstract String blockedSessions();

	@BeforeEach
	void migrate() {
		this.dataSource = new StatementHook(freshDatabase());
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
	}

	@Test
	void deletesOutcomesAndDoorRequestsOlderThanTheAgeAndKeepsYoungerOnes() {
		outcomeAt("old-outcome", NOW.minus(AGE).minusSeconds(60));
		outcomeAt("young-outcome", NOW.minus(AGE).plusSeconds(60));
		doorRequestAt("old-door", NOW.minus(AGE).minusSeconds(60));
		doorRequestAt("young-door", NOW.minus(AGE).plusSeconds(60));

		Optional<RetentionRun.Swept> swept = retention("instance-a", settings(AGE, 100)).run();

		assertThat(ids("request_outcome")).containsExactly("young-outcome");
		assertThat(ids("http_request")).containsExactly("young-door");
		assertThat(swept).hasValueSatisfying((run) -> {
			assertThat(run.rows(Sweep.OUTCOMES)).isEqualTo(1);
			assertThat(run.rows(Sweep.DOOR_REQUESTS)).isEqualTo(1);
			assertThat(run.finished()).isTrue();
		});
		assertThat(this.metrics.runs()).hasSize(1);
	}

	@Test
	void deletesCampaignsCountsOlderThanTheAgeAndThenCampaignsLeftWithNone() {
		campaignAt("old", "RUNNING", NOW.minus(AGE).minusSeconds(60));
		campaignRequestAt("old", "r1", NOW.minus(AGE).minusSeconds(60));
		campaignAt("mixed", "CANCELLED", NOW.minus(AGE).minusSeconds(60));
		campaignRequestAt("mixed", "r1", NOW.minus(AGE).minusSeconds(60));
		campaignRequestAt("mixed", "r2", NOW.minus(AGE).plusSeconds(60));
		campaignAt("paused", "PAUSED", NOW.minus(AGE).minusSeconds(60));
		campaignAt("young", "RUNNING", NOW.minus(AGE).plusSeconds(60));

		Optional<RetentionRun.Swept> swept = retention("instance-a", settings(AGE, 100)).run();

		assertThat(jdbc().sql("SELECT campaign_id FROM campaign ORDER BY campaign_id").query(String.class).list())
			.containsExactly("mixed", "paused", "young");
		assertThat(
				jdbc().sql("SELECT campaign_id || '/' || request_id FROM campaign_request").query(String.class).list())
			.containsExactly("mixed/r2");
		assertThat(swept).hasValueSatisfying((run) -> {
			assertThat(run.rows(Sweep.CAMPAIGN_REQUESTS)).isEqualTo(2);
			assertThat(run.rows(Sweep.CAMPAIGNS)).isEqualTo(1);
		});
	}

	@Test
	void deletesInBatchesOfTheConfiguredSizeWithAPauseBetweenThem() {
		for (int i = 0; i < 5; i++) {
			outcomeAt("old-" + i, NOW.minus(AGE).minus(DAY).plusSeconds(i));
		}

		retention("instance-a", settings(AGE, 2)).run();

		assertThat(rowCount("request_outcome")).isZero();
		assertThat(this.metrics.batches("request_outcome")).containsExactly(2L, 2L, 1L);
		assertThat(this.pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
	}

	@Test
	void keepsOpenOutreachesWithinTheDedupeWindowAndDeletesThoseOpenedBeforeIt() {
		NumberPair within = openedAt(NOW.minus(DEDUPE_WINDOW).plusSeconds(60));
		NumberPair past = openedAt(NOW.minus(DEDUPE_WINDOW).minusSeconds(60));

		retention("instance-a", settings(DEDUPE_WINDOW, 100)).run();

		assertThat(outreaches()).containsExactly(within.toNumber());
		assertThat(outreaches()).doesNotContain(past.toNumber());
	}

	@Test
	void keepsOpenOutreachesPastTheDedupeWindowUntilTheyArePastTheAgeToo() {
		NumberPair pastTheWindowOnly = openedAt(NOW.minus(DAY.multipliedBy(2)));
		NumberPair pastBoth = openedAt(NOW.minus(AGE).minus(DAY));

		Optional<RetentionRun.Swept> swept = retention("instance-a", settings(AGE, 100)).run();

		assertThat(outreaches()).containsExactly(pastTheWindowOnly.toNumber()).doesNotContain(pastBoth.toNumber());
		assertThat(swept).hasValueSatisfying((run) -> assertThat(run.rows(Sweep.CLOSED_OUTREACHES)).isEqualTo(1));
		assertThat(this.metrics.batches("outreach")).contains(1L);
	}

	@Test
	void deletesAPendingOutreachOnlyOnceItsLeaseRanOutAndNobodyTouchedItForTheAge() {
		NumberPair abandoned = claimedAt(NOW.minus(AGE).minus(DAY));
		expireLease(abandoned);
		NumberPair stillLeased = claimedAt(NOW.minus(AGE).minus(DAY));
		NumberPair touchedLately = claimedAt(NOW.minus(Duration.ofHours(1)));
		expireLease(touchedLately);
		NumberPair claimedNow = claimedAt(NOW);

		Optional<RetentionRun.Swept> swept = retention("instance-a", settings(AGE, 100)).run();

		assertThat(outreaches()).containsExactlyInAnyOrder(stillLeased.toNumber(), touchedLately.toNumber(),
				claimedNow.toNumber());
		assertThat(outreaches()).doesNotContain(abandoned.toNumber());
		assertThat(swept).hasValueSatisfying((run) -> assertThat(run.rows(Sweep.ABANDONED_OUTREACHES)).isEqualTo(1));
	}

	/**
	 * The first instance took the lock and is about to delete when the second one runs:
	 * the second deletes nothing, the first everything, and once it is done the lock is
	 * free again.
	 */
	@Test
	void aSecondInstanceDeletesNothingWhileTheFirstHoldsTheLock() {
		outcomeAt("old-1", NOW.minus(AGE).minus(DAY));
		outcomeAt("old-2", NOW.minus(AGE).minus(DAY));
		RecordingRetentionMetrics secondMetrics = new RecordingRetentionMetrics();
		RetentionRun second = retention("instance-b", settings(AGE, 100), secondMetrics);
		AtomicReference<Optional<RetentionRun.Swept>> meanwhile = new AtomicReference<>();
		this.dataSource.before((sql) -> sql.startsWith("SELECT request_id FROM request_outcome"),
				() -> meanwhile.set(second.run()));

		Optional<RetentionRun.Swept> first = retention("instance-a", settings(AGE, 100)).run();

		assertThat(this.dataSource.ran()).isTrue();
		assertThat(meanwhile.get()).isEmpty();
		assertThat(secondMetrics.batches()).isEmpty();
		assertThat(first).hasValueSatisfying((run) -> assertThat(run.rows(Sweep.OUTCOMES)).isEqualTo(2));
		assertThat(rowCount("request_outcome")).isZero();
		assertThat(second.run()).isPresent();
	}

	/**
	 * A worker replaces an old open outreach (its transaction not committed yet) just as
	 * retention found it: the delete waits for the row, sees it pending now, and keeps
	 * it.
	 */
	@Test
	void keepsAnOutreachAnotherWorkerReplacedAfterItWasFound() throws Exception {
		NumberPair pair = openedAt(NOW.minus(AGE).minus(DAY));
		ExecutorService pool = Executors.newSingleThreadExecutor();
		SingleConnectionDataSource replacing = new SingleConnectionDataSource(this.dataSource.getConnection(), false);
		try {
			JdbcClient replacer = JdbcClient.create(replacing);
			replacing.getConnection().setAutoCommit(false);
			Object holder = replacer.sql(sessionId()).query().singleValue();
			replacer.sql("""
					UPDATE outreach SET state = 'PENDING', opened_at = NULL, checked_at = NULL, updated_at = :now,
					    lease_until = CURRENT_TIMESTAMP + INTERVAL '60' SECOND
					WHERE to_number = :to
					""").param("now", NOW.atOffset(ZoneOffset.UTC)).param("to", pair.toNumber()).update();
			Future<Optional<RetentionRun.Swept>> run = pool
				.submit(() -> retention("instance-a", settings(AGE, 100)).run());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> jdbc().sql(blockedSessions()).param("holder", holder).query(Integer.class).single() > 0);
			replacing.getConnection().commit();

			assertThat(run.get(10, TimeUnit.SECONDS))
				.hasValueSatisfying((swept) -> assertThat(swept.rows(Sweep.CLOSED_OUTREACHES)).isZero());
			assertThat(jdbc().sql("SELECT state FROM outreach").query(String.class).list()).containsExactly("PENDING");
		}
		finally {
			pool.shutdownNow();
			replacing.destroy();
		}
	}

	@Test
	void stopsTakingBatchesOnceItsRunTimeIsSpentAndTheNextRunGoesOn() {
		for (int i = 0; i < 8; i++) {
			outcomeAt("old-" + i, NOW.minus(AGE).minus(DAY).plusSeconds(i));
		}
		// each pause moves the clock a minute: the
		// third batch is the last one begun in time
		RetentionProperties settings = new RetentionProperties(true, AGE, Duration.ofHours(1), Duration.ZERO, 2,
				Duration.ofMinutes(1), Duration.ofSeconds(90));
		RetentionRun retention = retention("instance-a", settings, this.metrics);

		Optional<RetentionRun.Swept> stopped = retention.run();
		Optional<RetentionRun.Swept> next = retention.run();

		assertThat(stopped).hasValueSatisfying((run) -> {
			assertThat(run.finished()).isFalse();
			assertThat(run.rows(Sweep.OUTCOMES)).isEqualTo(6);
		});
		assertThat(next).hasValueSatisfying((run) -> {
			assertThat(run.finished()).isTrue();
			assertThat(run.rows(Sweep.OUTCOMES)).isEqualTo(2);
		});
		assertThat(rowCount("request_outcome")).isZero();
	}

	/**
	 * With half of each table past its age and fresh statistics, a batch is found through
	 * the index on the rows' age (in its order where it has one) and deleted through the
	 * primary key, never by a scan of every old row. An abandoned outreach may also be
	 * deleted through the pending rows, which are few.
	 */
	@Test
	void findsEveryBatchThroughTheIndexOnItsAgeAndDeletesItByPrimaryKey() {
		Map<Sweep, String> ageIndexes = Map.of(Sweep.OUTCOMES, "request_outcome_completed_at", Sweep.DOOR_REQUESTS,
				"http_request_accepted_at", Sweep.CLOSED_OUTREACHES, "outreach_state_opened_at",
				Sweep.ABANDONED_OUTREACHES, "outreach_state_opened_at", Sweep.CAMPAIGN_REQUESTS,
				"campaign_request_settled_at", Sweep.CAMPAIGNS, "campaign_changed_at");
		Pattern primaryKey = Pattern.compile("(?i)_pk\\b|primary_key");
		Pattern primaryKeyOrPending = Pattern
			.compile("(?i)_pk\\b|primary_key|outreach_state_opened_at: state = 'PENDING'"
					+ "|Index Cond: \\(\\(state\\)::text = 'PENDING'::text\\)");
		fillHalfOld(400);

		for (Sweep sweep : Sweep.values()) {
			Map<String, Object> params = Map.of("cutoff", NOW.minus(AGE).atOffset(ZoneOffset.UTC), "batch", 100,
					"request_id", "r1", "from_number", "+15005550006", "to_number", "+14155550001", "campaign_id",
					"c1");
			String find = planOf(this.dataSource, sweep.table(), sweep.find(), params);
			String delete = planOf(this.dataSource, sweep.table(), sweep.delete(), params);

			assertThat(find).as(sweep.name()).containsIgnoringCase(ageIndexes.get(sweep));
			assertThat(delete).as(sweep.name())
				.containsPattern((sweep == Sweep.ABANDONED_OUTREACHES) ? primaryKeyOrPending : primaryKey);
		}
	}

	/** Settings with the given age and batch size, a pause of 100 ms and no run limit. */
	static RetentionProperties settings(Duration age, int batchSize) {
		return new RetentionProperties(true, age, Duration.ofHours(1), Duration.ZERO, batchSize, Duration.ofMillis(100),
				Duration.ofDays(1));
	}

	private RetentionRun retention(String instance, RetentionProperties settings) {
		return retention(instance, settings, this.metrics);
	}

	private RetentionRun retention(String instance, RetentionProperties settings, RetentionMetrics runMetrics) {
		Sleeper sleeper = (duration) -> {
			this.pauses.add(duration);
			this.now.set(this.now.get().plus(duration));
		};
		return new RetentionRun(new NamedParameterJdbcTemplate(this.dataSource), transactions(),
				RetentionConfiguration.lockOn(this.dataSource, instance), settings, DEDUPE_WINDOW, this.clock, sleeper,
				runMetrics);
	}

	private JdbcOutreachStore storeAt(Instant instant) {
		return new JdbcOutreachStore(JdbcClient.create(this.dataSource), transactions(),
				new IdempotencyProperties(Duration.ofSeconds(60)), Clock.fixed(instant, ZoneOffset.UTC), "instance-a",
				false, WorkerMetrics.none(), JsonMapper.builder().build());
	}

	private NumberPair nextPair() {
		this.pairs++;
		return new NumberPair("+15005550006", "+1415555%04d".formatted(this.pairs));
	}

	private void outcomeAt(String requestId, Instant completedAt) {
		NumberPair pair = nextPair();
		storeAt(completedAt).recordOutcome(requestId, pair, outcome(pair, completedAt));
	}

	private void campaignAt(String campaignId, String state, Instant changedAt) {
		jdbc().sql("INSERT INTO campaign (campaign_id, state, created_at, changed_at) VALUES (:c, :s, :at, :at)")
			.param("c", campaignId)
			.param("s", state)
			.param("at", changedAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	private void campaignRequestAt(String campaignId, String requestId, Instant settledAt) {
		jdbc().sql(
				"INSERT INTO campaign_request (campaign_id, request_id, outcome, settled_at) VALUES (:c, :r, 'CREATED', :at)")
			.param("c", campaignId)
			.param("r", requestId)
			.param("at", settledAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	private void doorRequestAt(String requestId, Instant acceptedAt) {
		jdbc().sql("INSERT INTO http_request (request_id, accepted_at) VALUES (:request, :at)")
			.param("request", requestId)
			.param("at", acceptedAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** An outreach claimed at that time and still pending, its lease running. */
	private NumberPair claimedAt(Instant instant) {
		NumberPair pair = nextPair();
		Claim claim = storeAt(instant).claim(pair, "claim-" + pair.toNumber(), "flex-legacy");
		assertThat(claim).isInstanceOf(Claim.Claimed.class);
		return pair;
	}

	/** An outreach made and opened at that time, with its request's outcome. */
	private NumberPair openedAt(Instant instant) {
		NumberPair pair = nextPair();
		JdbcOutreachStore store = storeAt(instant);
		Claim.Claimed claimed = (Claim.Claimed) store.claim(pair, "open-" + pair.toNumber(), "flex-legacy");
		store.open(pair, claimed.fence(), claimed.progress().with(Sid.CHAT_CHANNEL, "CH1"), "open-" + pair.toNumber(),
				outcome(pair, instant));
		return pair;
	}

	/**
	 * Writes open outreaches, outcomes and door requests in bulk, half of them past the
	 * age.
	 */
	private void fillHalfOld(int rows) {
		List<MapSqlParameterSource> values = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			Instant at = NOW.minus((i % 2 == 0) ? AGE.plus(DAY) : DAY).plusSeconds(i);
			values.add(new MapSqlParameterSource("request", "bulk-" + i).addValue("to", "+1415666%04d".formatted(i))
				.addValue("at", at.atOffset(ZoneOffset.UTC))
				.addValue("fence", i));
		}
		NamedParameterJdbcTemplate bulk = new NamedParameterJdbcTemplate(this.dataSource);
		MapSqlParameterSource[] batch = values.toArray(MapSqlParameterSource[]::new);
		bulk.batchUpdate("""
				INSERT INTO outreach (from_number, to_number, backend, state, owner_request_id, progress, fence,
				    created_at, updated_at, opened_at, checked_at)
				VALUES ('+15005550006', :to, 'flex-legacy', 'OPEN', :request, '{}', :fence, :at, :at, :at, :at)
				""", batch);
		bulk.batchUpdate("""
				INSERT INTO request_outcome (request_id, from_number, to_number, outcome, backend, sids, completed_at)
				VALUES (:request, '+15005550006', :to, 'CREATED', 'flex-legacy', '{}', :at)
				""", batch);
		bulk.batchUpdate("INSERT INTO http_request (request_id, accepted_at) VALUES (:request, :at)", batch);
		bulk.batchUpdate("""
				INSERT INTO campaign_request (campaign_id, request_id, outcome, settled_at)
				VALUES ('c1', :request, 'CREATED', :at)
				""", batch);
		bulk.batchUpdate("""
				INSERT INTO campaign (campaign_id, state, created_at, changed_at)
				VALUES (:request, 'RUNNING', :at, :at)
				""", batch);
	}

	/** Lets the pair's lease run out, as the database's clock tells. */
	private void expireLease(NumberPair pair) {
		jdbc().sql("UPDATE outreach SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE to_number = ?")
			.param(pair.toNumber())
			.update();
	}

	private static StoredOutcome outcome(NumberPair pair, Instant completedAt) {
		return new StoredOutcome(Outcome.CREATED, "flex-legacy", pair, Map.of(Sid.CHAT_CHANNEL, "CH1"), completedAt);
	}

	private List<String> ids(String table) {
		return jdbc().sql("SELECT request_id FROM " + table).query(String.class).list();
	}

	private List<String> outreaches() {
		return jdbc().sql("SELECT to_number FROM outreach").query(String.class).list();
	}

	private int rowCount(String table) {
		return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	private TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

}
