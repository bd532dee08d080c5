package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every database the store runs on must do: the same tests, run against the embedded
 * database and PostgreSQL, migrated by the real Flyway scripts.
 */
abstract class OutreachStoreContract {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return OutreachStoreContract.this.now.get();
		}

	};

	private DataSource dataSource;

	private JdbcOutreachStore store;

	private JdbcOutreachStore otherInstance;

	protected abstract DataSource freshDatabase();

	/**
	 * Whether the database has PostgreSQL's {@code ON CONFLICT DO NOTHING}.
	 * @return as the worker's configuration decides it
	 */
	protected abstract boolean onConflictDoNothing();

	@BeforeEach
	void migrate() {
		this.dataSource = freshDatabase();
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.store = store("instance-a");
		this.otherInstance = store("instance-b");
	}

	private JdbcOutreachStore store(String instance) {
		return new JdbcOutreachStore(JdbcClient.create(this.dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)),
				new IdempotencyProperties(Duration.ofSeconds(60)), this.clock, instance, onConflictDoNothing(),
				WorkerMetrics.none());
	}

	@Test
	void firstClaimOwnsTheEmptyOutreach() {
		Claim claim = this.store.claim(PAIR, "r1", "flex-legacy");

		assertThat(claim).isEqualTo(new Claim.Claimed(1, OutreachProgress.none()));
		assertThat(rowCount("outreach")).isEqualTo(1);
	}

	@Test
	void secondClaimWhileLeasedIsBusyUntilTheLeaseEnds() {
		this.store.claim(PAIR, "r1", "flex-legacy");

		Claim claim = this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThat(claim).isEqualTo(new Claim.Busy(Instant.parse("2026-11-23T10:01:00Z")));
	}

	@Test
	void expiredLeaseIsTakenOverWithItsProgressAndANewFence() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		OutreachProgress progress = OutreachProgress.none().with(Sid.CHAT_CHANNEL, "CH1").attempting(Sid.PROXY_SESSION);
		this.store.checkpoint(PAIR, 1, progress);
		advance(Duration.ofSeconds(61));

		Claim claim = this.otherInstance.claim(PAIR, "r1", "flex-legacy");

		assertThat(claim).isEqualTo(new Claim.Claimed(2, progress));
	}

	@Test
	void pendingOutreachOfAnotherBackendIsTakenOverFromTheStart() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		this.store.checkpoint(PAIR, 1, OutreachProgress.none().with(Sid.CHAT_CHANNEL, "CH1"));
		advance(Duration.ofSeconds(61));

		Claim claim = this.otherInstance.claim(PAIR, "r1", "flex-conversations");

		assertThat(claim).isEqualTo(new Claim.Claimed(2, OutreachProgress.none()));
	}

	@Test
	void staleFenceCannotOverwriteTheNewOwnersProgress() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		advance(Duration.ofSeconds(61));
		this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(
				() -> this.store.checkpoint(PAIR, 1, OutreachProgress.none().with(Sid.CHAT_CHANNEL, "CHzombie")));
		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.store.open(PAIR, 1, OutreachProgress.none(), "r1", outcome(Outcome.CREATED)));
		assertThat(progressText()).doesNotContain("CHzombie");
	}

	@Test
	void openedOutreachIsAnsweredAsOpenAndItsOutcomeIsStored() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		OutreachProgress made = OutreachProgress.none().with(Sid.CHAT_CHANNEL, "CH1").with(Sid.PROXY_SESSION, "KC1");
		this.store.open(PAIR, 1, made, "r1", outcome(Outcome.CREATED));

		Claim claim = this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThat(claim).isEqualTo(new Claim.Open(1, "flex-legacy", made, Instant.parse("2026-11-23T10:00:00Z"),
				Instant.parse("2026-11-23T10:00:00Z")));
		assertThat(this.store.findOutcome("r1")).contains(outcome(Outcome.CREATED));
		assertThat(this.store.findOutcome("r2")).isEmpty();
	}

	@Test
	void openOutreachIsReplacedOnlyByTheFirstWhoSawIt() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		this.store.open(PAIR, 1, OutreachProgress.none().with(Sid.PROXY_SESSION, "KC1"), "r1",
				outcome(Outcome.CREATED));
		Claim.Open open = (Claim.Open) this.store.claim(PAIR, "r2", "flex-legacy");

		assertThat(this.store.replace(PAIR, open, "r2", "flex-conversations"))
			.contains(new Claim.Claimed(2, OutreachProgress.none()));
		assertThat(this.otherInstance.replace(PAIR, open, "r3", "flex-conversations")).isEmpty();
		assertThat(JdbcClient.create(this.dataSource).sql("SELECT backend FROM outreach").query(String.class).single())
			.isEqualTo("flex-conversations");
	}

	@Test
	void releasedOutreachCanBeClaimedAtOnceAndAbandonedOneIsGone() {
		this.store.claim(PAIR, "r1", "flex-legacy");
		this.store.release(PAIR, 1);

		assertThat(this.otherInstance.claim(PAIR, "r2", "flex-legacy")).isInstanceOf(Claim.Claimed.class);

		this.otherInstance.abandon(PAIR, 2);

		assertThat(rowCount("outreach")).isZero();
	}

	@Test
	void recordedOutcomeIsKeptOnceWithItsSids() {
		StoredOutcome reused = new StoredOutcome(Outcome.REUSED, "flex-legacy", Map.of(Sid.PROXY_SESSION, "KC9"),
				Instant.parse("2026-11-23T10:00:00.123Z"));

		this.store.recordOutcome("r7", PAIR, reused);
		this.store.recordOutcome("r7", PAIR, outcome(Outcome.CREATED));

		assertThat(this.store.findOutcome("r7")).contains(reused);
	}

	@Test
	void concurrentClaimsForOnePairLetExactlyOneOwnIt() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Claim>> claims = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String requestId = "r" + i;
				JdbcOutreachStore instance = (i % 2 == 0) ? this.store : this.otherInstance;
				claims.add(() -> instance.claim(PAIR, requestId, "flex-legacy"));
			}
			List<Claim> answers = new ArrayList<>();
			for (Future<Claim> answer : pool.invokeAll(claims)) {
				answers.add(answer.get());
			}

			assertThat(answers).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
			assertThat(answers).filteredOn(Claim.Busy.class::isInstance).hasSize(15);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private StoredOutcome outcome(Outcome outcome) {
		return new StoredOutcome(outcome, "flex-legacy", Map.of(Sid.CHAT_CHANNEL, "CH1", Sid.PROXY_SESSION, "KC1"),
				Instant.parse("2026-11-23T10:00:00Z"));
	}

	private void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	private int rowCount(String table) {
		return JdbcClient.create(this.dataSource).sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	private String progressText() {
		return JdbcClient.create(this.dataSource).sql("SELECT progress FROM outreach").query(String.class).single();
	}

}
