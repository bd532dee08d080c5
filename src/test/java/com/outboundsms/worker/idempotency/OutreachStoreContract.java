package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
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
import tools.jackson.databind.json.JsonMapper;

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

	private final Clock clock = fixed(this.now);

	private StatementHook dataSource;

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
		this.dataSource = new StatementHook(freshDatabase());
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.store = store("instance-a", this.clock);
		this.otherInstance = store("instance-b", this.clock);
	}

	private JdbcOutreachStore store(String instance, Clock instanceClock) {
		return new JdbcOutreachStore(JdbcClient.create(this.dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)),
				new IdempotencyProperties(Duration.ofSeconds(60)), instanceClock, instance, onConflictDoNothing(),
				WorkerMetrics.none(), JsonMapper.builder().build());
	}

	@Test
	void firstClaimOwnsTheEmptyOutreachUnderANewIdAndFence() {
		Claim claim = this.store.claim(PAIR, "r1", "flex-legacy");

		assertThat(claim).isInstanceOfSatisfying(Claim.Claimed.class, (claimed) -> {
			assertThat(claimed.fence()).isPositive();
			assertThat(claimed.progress().outreachId()).isNotBlank();
			assertThat(claimed.progress().sids()).isEmpty();
			assertThat(claimed.progress().attempted()).isEmpty();
		});
		assertThat(rowCount("outreach")).isEqualTo(1);
	}

	@Test
	void secondClaimWhileLeasedIsBusyForWhatIsLeftOfTheLease() {
		this.store.claim(PAIR, "r1", "flex-legacy");

		Claim claim = this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThat(claim).isInstanceOfSatisfying(Claim.Busy.class,
				(busy) -> assertThat(busy.remaining()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
	}

	@Test
	void leasesAreMeasuredByTheDatabasesClockWhateverTheInstancesClocksSay() {
		AtomicReference<Instant> ahead = new AtomicReference<>(this.now.get().plus(Duration.ofMinutes(10)));
		JdbcOutreachStore fastClock = store("instance-fast", fixed(ahead));
		JdbcOutreachStore slowClock = store("instance-slow",
				fixed(new AtomicReference<>(this.now.get().minus(Duration.ofMinutes(10)))));
		NumberPair other = new NumberPair("+15005550006", "+14155552672");
		slowClock.claim(PAIR, "r1", "flex-legacy");
		fastClock.claim(other, "r2", "flex-legacy");

		assertThat(fastClock.claim(PAIR, "r3", "flex-legacy")).isInstanceOf(Claim.Busy.class);
		assertThat(slowClock.claim(other, "r4", "flex-legacy")).isInstanceOf(Claim.Busy.class);
	}

	@Test
	void expiredLeaseIsTakenOverWithItsProgressAndANewFence() {
		Claim.Claimed first = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		OutreachProgress progress = first.progress().with(Sid.CHAT_CHANNEL, "CH1").attempting(Sid.PROXY_SESSION);
		this.store.checkpoint(PAIR, first.fence(), progress);
		expireLease();

		Claim claim = this.otherInstance.claim(PAIR, "r1", "flex-legacy");

		assertThat(claim).isInstanceOfSatisfying(Claim.Claimed.class, (claimed) -> {
			assertThat(claimed.progress()).isEqualTo(progress);
			assertThat(claimed.fence()).isGreaterThan(first.fence());
		});
	}

	@Test
	void pendingOutreachOfAnotherBackendIsTakenOverFromTheStartUnderANewId() {
		Claim.Claimed first = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.store.checkpoint(PAIR, first.fence(), first.progress().with(Sid.CHAT_CHANNEL, "CH1"));
		expireLease();

		Claim.Claimed taken = claimed(this.otherInstance.claim(PAIR, "r1", "flex-conversations"));

		assertThat(taken.progress().sids()).isEmpty();
		assertThat(taken.progress().outreachId()).isNotBlank().isNotEqualTo(first.progress().outreachId());
	}

	@Test
	void aCheckpointAfterTheLeaseRanOutIsRefused() {
		Claim.Claimed first = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		expireLease();

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> this.store.checkpoint(PAIR, first.fence(),
				first.progress().with(Sid.PROXY_SESSION, "KC1").attempting(Sid.CHAT_MESSAGE)));
		assertThat(progressText()).doesNotContain("KC1");
	}

	/**
	 * The owner, past its lease, checkpoints "session made, first message being posted"
	 * just after a second request read the row and just before it takes the row over:
	 * either the checkpoint is refused, or the take-over sees it; never both accepted
	 * with the mark lost.
	 */
	@Test
	void aLateCheckpointBetweenATakeOversReadAndWriteIsNeverLost() {
		Claim.Claimed owner = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		OutreachProgress channelMade = owner.progress().with(Sid.CHAT_CHANNEL, "CH1").attempting(Sid.PROXY_SESSION);
		this.store.checkpoint(PAIR, owner.fence(), channelMade);
		expireLease();
		OutreachProgress announced = channelMade.with(Sid.PROXY_SESSION, "KC1").attempting(Sid.CHAT_MESSAGE);
		AtomicReference<RuntimeException> lateCheckpoint = new AtomicReference<>();
		this.dataSource.before((sql) -> sql.trim().startsWith("UPDATE outreach SET owner_request_id"), () -> {
			try {
				this.store.checkpoint(PAIR, owner.fence(), announced);
			}
			catch (RuntimeException refused) {
				lateCheckpoint.set(refused);
			}
		});

		Claim taken = this.otherInstance.claim(PAIR, "r1", "flex-legacy");

		assertThat(this.dataSource.ran()).isTrue();
		assertThat(lateCheckpoint.get()).isInstanceOf(TransientFailure.class);
		assertThat(taken).isInstanceOfSatisfying(Claim.Claimed.class,
				(claimed) -> assertThat(claimed.progress()).isEqualTo(channelMade));
		assertThat(progressText()).doesNotContain("KC1");
	}

	/**
	 * The second request read the lease as run out, but the owner renewed it (a
	 * checkpoint it was entitled to) before the take-over's write: the take-over fails
	 * and the request waits, the owner's progress stands.
	 */
	@Test
	void aTakeOverOfALeaseRenewedAfterItWasReadFails() {
		Claim.Claimed owner = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.jdbc().sql("UPDATE outreach SET lease_until = NULL").update();
		OutreachProgress renewed = owner.progress().with(Sid.CHAT_CHANNEL, "CH1");
		this.dataSource.before((sql) -> sql.trim().startsWith("UPDATE outreach SET owner_request_id"),
				() -> this.jdbc()
					.sql("UPDATE outreach SET progress = ?, lease_until = CURRENT_TIMESTAMP + INTERVAL '60' SECOND")
					.param(new ProgressCodec(JsonMapper.builder().build()).write(renewed))
					.update());

		Claim claim = this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThat(claim).isInstanceOf(Claim.Busy.class);
		assertThat(progressText()).contains("CH1");
	}

	@Test
	void staleFenceCannotOverwriteTheNewOwnersProgress() {
		Claim.Claimed first = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		expireLease();
		this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(
				() -> this.store.checkpoint(PAIR, first.fence(), first.progress().with(Sid.CHAT_CHANNEL, "CHzombie")));
		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.store.open(PAIR, first.fence(), first.progress(), "r1", outcome(Outcome.CREATED)));
		assertThat(progressText()).doesNotContain("CHzombie");
	}

	@Test
	void fencesNeverRepeatForAPairEvenAfterItsRowWasAbandoned() {
		Claim.Claimed stalled = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.store.abandon(PAIR, stalled.fence());
		Claim.Claimed next = claimed(this.otherInstance.claim(PAIR, "r2", "flex-legacy"));

		assertThat(next.fence()).isNotEqualTo(stalled.fence());
		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> this.store.checkpoint(PAIR, stalled.fence(),
				stalled.progress().with(Sid.CHAT_CHANNEL, "CHzombie")));
		assertThatExceptionOfType(TransientFailure.class).isThrownBy(
				() -> this.store.open(PAIR, stalled.fence(), stalled.progress(), "r1", outcome(Outcome.CREATED)));
		this.store.abandon(PAIR, stalled.fence());
		this.store.release(PAIR, stalled.fence());
		assertThat(this.otherInstance.claim(PAIR, "r3", "flex-legacy")).isInstanceOf(Claim.Busy.class);
		assertThat(progressText()).doesNotContain("CHzombie");
	}

	@Test
	void openedOutreachIsAnsweredAsOpenAndItsOutcomeIsStoredWithThePair() {
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		OutreachProgress made = claimed.progress().with(Sid.CHAT_CHANNEL, "CH1").with(Sid.PROXY_SESSION, "KC1");
		this.store.open(PAIR, claimed.fence(), made, "r1", outcome(Outcome.CREATED));

		Claim claim = this.otherInstance.claim(PAIR, "r2", "flex-legacy");

		assertThat(claim).isEqualTo(new Claim.Open(claimed.fence(), "flex-legacy", made,
				Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:00Z")));
		assertThat(this.store.findOutcome("r1")).contains(outcome(Outcome.CREATED));
		assertThat(this.store.findOutcome("r1"))
			.hasValueSatisfying((stored) -> assertThat(stored.pair()).isEqualTo(PAIR));
		assertThat(this.store.findOutcome("r2")).isEmpty();
	}

	@Test
	void openOutreachIsReplacedOnlyByTheFirstWhoSawIt() {
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.store.open(PAIR, claimed.fence(), claimed.progress().with(Sid.PROXY_SESSION, "KC1"), "r1",
				outcome(Outcome.CREATED));
		Claim.Open open = (Claim.Open) this.store.claim(PAIR, "r2", "flex-legacy");

		Optional<Claim.Claimed> replaced = this.store.replace(PAIR, open, "r2", "flex-conversations");

		assertThat(replaced).hasValueSatisfying((claim) -> {
			assertThat(claim.fence()).isGreaterThan(claimed.fence());
			assertThat(claim.progress().sids()).isEmpty();
			assertThat(claim.progress().outreachId()).isNotEqualTo(claimed.progress().outreachId());
		});
		assertThat(this.otherInstance.replace(PAIR, open, "r3", "flex-conversations")).isEmpty();
		assertThat(this.jdbc().sql("SELECT backend FROM outreach").query(String.class).single())
			.isEqualTo("flex-conversations");
	}

	@Test // #15
	void replacingOutreachStartsFromTheSidsItBuildsOnForEveryLaterOwner() {
		Claim.Claimed notify = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.store.open(PAIR, notify.fence(),
				notify.progress().with(Sid.STUDIO_FLOW, "FW1").with(Sid.CHAT_CHANNEL, "CH1"), "r1",
				outcome(Outcome.CREATED));
		Claim.Open open = (Claim.Open) this.store.claim(PAIR, "r2", "flex-legacy");
		Map<Sid, String> start = Map.of(Sid.STUDIO_FLOW, "FW1", Sid.CHAT_CHANNEL, "CH1");

		Claim.Claimed escalation = this.store.replace(PAIR, open, "r2", "flex-legacy", start).orElseThrow();
		this.store.release(PAIR, escalation.fence());
		Claim.Claimed takenOver = claimed(this.otherInstance.claim(PAIR, "r2", "flex-legacy"));

		assertThat(escalation.progress().sids()).isEqualTo(start);
		assertThat(escalation.progress().attempted()).isEmpty();
		assertThat(escalation.progress().outreachId()).isNotEqualTo(notify.progress().outreachId()).isNotEmpty();
		assertThat(takenOver.progress()).isEqualTo(escalation.progress());
	}

	@Test // #15
	void aReplacedOutreachPutBackIsThePairsOpenOutreachAsItWasAndOnlyItsOwnerCanPutItBack() {
		Claim.Claimed notify = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		OutreachProgress reminder = notify.progress().with(Sid.STUDIO_FLOW, "FW1").with(Sid.CHAT_CHANNEL, "CH1");
		this.store.open(PAIR, notify.fence(), reminder, "r1", outcome(Outcome.CREATED));
		Claim.Open open = (Claim.Open) this.store.claim(PAIR, "r2", "flex-legacy");
		Claim.Claimed escalation = this.store.replace(PAIR, open, "r2", "flex-legacy", Map.of(Sid.CHAT_CHANNEL, "CH1"))
			.orElseThrow();

		this.otherInstance.reopen(PAIR, escalation.fence() + 1, open);
		assertThat(this.otherInstance.claim(PAIR, "r3", "flex-legacy")).isInstanceOf(Claim.Busy.class);
		this.store.reopen(PAIR, escalation.fence(), open);

		Claim next = this.otherInstance.claim(PAIR, "r3", "flex-legacy");
		assertThat(next).isInstanceOfSatisfying(Claim.Open.class, (again) -> {
			assertThat(again.progress()).isEqualTo(reminder);
			assertThat(again.fence()).isEqualTo(escalation.fence());
			assertThat(again.openedAt()).isEqualTo(open.openedAt());
			assertThat(again.checkedAt()).isEqualTo(open.checkedAt());
		});
	}

	@Test
	void releasedOutreachCanBeClaimedAtOnceAndAbandonedOneIsGone() {
		Claim.Claimed first = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));
		this.store.release(PAIR, first.fence());

		Claim.Claimed second = claimed(this.otherInstance.claim(PAIR, "r2", "flex-legacy"));
		this.otherInstance.abandon(PAIR, second.fence());

		assertThat(rowCount("outreach")).isZero();
	}

	@Test
	void recordedOutcomeIsKeptOnceAndAnsweredToEveryLaterCopy() {
		StoredOutcome reused = new StoredOutcome(Outcome.REUSED, "flex-legacy", PAIR, Map.of(Sid.PROXY_SESSION, "KC9"),
				Instant.parse("2026-11-23T10:00:00.123Z"));

		StoredOutcome first = this.store.recordOutcome("r7", PAIR, reused);
		StoredOutcome second = this.otherInstance.recordOutcome("r7", PAIR, outcome(Outcome.CREATED));

		assertThat(first).isEqualTo(reused);
		assertThat(second).isEqualTo(reused);
		assertThat(this.store.findOutcome("r7")).contains(reused);
	}

	@Test
	void openingForARequestWhoseCopyWasAnsweredAlreadyAnswersWhatWasStored() {
		StoredOutcome reused = new StoredOutcome(Outcome.REUSED, "flex-legacy", PAIR, Map.of(Sid.PROXY_SESSION, "KC9"),
				Instant.parse("2026-11-23T10:00:00.123Z"));
		this.otherInstance.recordOutcome("r1", PAIR, reused);
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));

		StoredOutcome answered = this.store.open(PAIR, claimed.fence(), claimed.progress(), "r1",
				outcome(Outcome.CREATED));

		assertThat(answered).isEqualTo(reused);
		assertThat(this.jdbc().sql("SELECT state FROM outreach").query(String.class).single()).isEqualTo("OPEN");
	}

	@Test
	void aFirstMessagesRefusalIsStoredWithTheOutcome() {
		ErrorDetail refused = new ErrorDetail(ErrorCode.TWILIO_REJECTED, "posting the first message: refused", 21614,
				400);
		StoredOutcome created = new StoredOutcome(Outcome.CREATED, "flex-legacy", PAIR,
				Map.of(Sid.CHAT_CHANNEL, "CH1", Sid.PROXY_SESSION, "KC1"), Instant.parse("2026-11-23T10:00:00Z"),
				refused);
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));

		this.store.open(PAIR, claimed.fence(), claimed.progress(), "r1", created);

		assertThat(this.otherInstance.findOutcome("r1")).contains(created);
	}

	@Test // #15
	void anOptedOutRequestsFailureIsStoredWhileItsOutreachStaysOpen() {
		ErrorDetail optedOut = new ErrorDetail(ErrorCode.RECIPIENT_OPTED_OUT,
				"posting the first message: Twilio answered 400 with code 21610", 21610, 400);
		StoredOutcome failed = new StoredOutcome(Outcome.FAILED, "flex-legacy", PAIR,
				Map.of(Sid.CHAT_CHANNEL, "CH1", Sid.PROXY_SESSION, "KC1"), Instant.parse("2026-11-23T10:00:00Z"),
				optedOut);
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-legacy"));

		this.store.open(PAIR, claimed.fence(), claimed.progress().with(Sid.PROXY_SESSION, "KC1"), "r1", failed);

		assertThat(this.otherInstance.findOutcome("r1")).contains(failed);
		assertThat(this.otherInstance.claim(PAIR, "r2", "flex-legacy")).isInstanceOf(Claim.Open.class);
	}

	@Test // #15
	void closingAConversationFreesThePairWhoseOpenOutreachHadIt() {
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-conversations"));
		this.store.open(PAIR, claimed.fence(), claimed.progress().with(Sid.CONVERSATION, "CH1"), "r1",
				outcome(Outcome.CREATED));

		boolean closed = this.otherInstance.closeConversation("CH1");

		assertThat(closed).isTrue();
		assertThat(this.store.claim(PAIR, "r2", "flex-conversations")).isInstanceOfSatisfying(Claim.Claimed.class,
				(claim) -> assertThat(claim.fence()).isGreaterThan(claimed.fence()));
		assertThat(this.store.findOutcome("r1")).contains(outcome(Outcome.CREATED));
	}

	@Test // #15
	void closingAConversationTwiceOrOneNoOutreachHasChangesNothing() {
		NumberPair other = new NumberPair("+15005550006", "+14155550000");
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-conversations"));
		this.store.open(PAIR, claimed.fence(), claimed.progress().with(Sid.CONVERSATION, "CH1"), "r1",
				outcome(Outcome.CREATED));
		Claim.Claimed otherClaim = claimed(this.store.claim(other, "r2", "flex-conversations"));
		this.store.open(other, otherClaim.fence(), otherClaim.progress().with(Sid.CONVERSATION, "CH2"), "r2",
				new StoredOutcome(Outcome.CREATED, "flex-conversations", other, Map.of(Sid.CONVERSATION, "CH2"),
						Instant.parse("2026-11-23T10:00:00Z")));
		this.store.closeConversation("CH1");

		boolean again = this.store.closeConversation("CH1");
		boolean unknown = this.store.closeConversation("CH9");

		assertThat(again).isFalse();
		assertThat(unknown).isFalse();
		assertThat(this.store.claim(other, "r3", "flex-conversations")).isInstanceOf(Claim.Open.class);
	}

	@Test // #15
	void closingAConversationLeavesAPendingOutreachAndOneThatReplacedIt() {
		Claim.Claimed claimed = claimed(this.store.claim(PAIR, "r1", "flex-conversations"));
		this.store.open(PAIR, claimed.fence(), claimed.progress().with(Sid.CONVERSATION, "CH1"), "r1",
				outcome(Outcome.CREATED));
		Claim.Open open = (Claim.Open) this.store.claim(PAIR, "r2", "flex-conversations");
		Claim.Claimed replacing = this.store.replace(PAIR, open, "r2", "flex-conversations").orElseThrow();

		boolean whilePending = this.store.closeConversation("CH1");
		this.store.open(PAIR, replacing.fence(), replacing.progress().with(Sid.CONVERSATION, "CH2"), "r2",
				outcome(Outcome.CREATED));
		boolean afterReplaced = this.store.closeConversation("CH1");

		assertThat(whilePending).isFalse();
		assertThat(afterReplaced).isFalse();
		assertThat(this.otherInstance.claim(PAIR, "r3", "flex-conversations")).isInstanceOfSatisfying(Claim.Open.class,
				(reread) -> assertThat(reread.progress().sid(Sid.CONVERSATION)).contains("CH2"));
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

	private static Claim.Claimed claimed(Claim claim) {
		assertThat(claim).isInstanceOf(Claim.Claimed.class);
		return (Claim.Claimed) claim;
	}

	/** Lets the pair's lease run out, as the database's clock tells. */
	private void expireLease() {
		this.jdbc().sql("UPDATE outreach SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND").update();
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	private static Clock fixed(AtomicReference<Instant> instant) {
		return new Clock() {

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
				return instant.get();
			}

		};
	}

	private StoredOutcome outcome(Outcome outcome) {
		return new StoredOutcome(outcome, "flex-legacy", PAIR,
				Map.of(Sid.CHAT_CHANNEL, "CH1", Sid.PROXY_SESSION, "KC1"), Instant.parse("2026-11-23T10:00:00Z"));
	}

	private int rowCount(String table) {
		return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	private String progressText() {
		return jdbc().sql("SELECT progress FROM outreach").query(String.class).single();
	}

}
