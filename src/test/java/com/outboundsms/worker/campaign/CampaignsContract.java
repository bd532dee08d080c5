package com.outboundsms.worker.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import com.outboundsms.worker.idempotency.StatementHook;
import com.outboundsms.worker.processing.CampaignState;
import com.outboundsms.worker.processing.CampaignSummary;
import com.outboundsms.worker.processing.MutableClock;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the campaigns' store must do on every database the store runs on, migrated by the
 * real Flyway scripts, with two instances on one database.
 */
abstract class CampaignsContract {

	private static final Instant START = Instant.parse("2026-12-05T09:00:00Z");

	private static final Duration REFRESH = Duration.ofSeconds(1);

	private final MutableClock clock = new MutableClock(START);

	private JdbcCampaigns one;

	private JdbcCampaigns other;

	private StatementHook hook;

	protected abstract DataSource freshDatabase();

	@BeforeEach
	void migrate() {
		DataSource database = freshDatabase();
		Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		this.hook = new StatementHook(database);

		this.one = new JdbcCampaigns(JdbcClient.create(this.hook), this.clock, REFRESH, WorkerMetrics.none());
		this.other = new JdbcCampaigns(JdbcClient.create(database), this.clock, REFRESH, WorkerMetrics.none());
	}

	@Test
	void countsEachRequestOnceByItsLatestOutcome() {
		this.one.settled("spring-reminders", "r1", Outcome.CREATED);
		this.other.settled("spring-reminders", "r1", Outcome.CREATED);
		this.one.settled("spring-reminders", "r2", Outcome.FAILED);
		this.other.settled("spring-reminders", "r2", Outcome.REUSED);
		this.one.settled("spring-reminders", "r2", Outcome.FAILED);
		this.one.settled("spring-reminders", "r3", Outcome.CANCELLED);
		this.other.settled("spring-reminders", "r4", Outcome.EXPIRED);
		this.one.settled("spring-reminders", "r4", Outcome.EXPIRED);
		this.one.settled("other", "r1", Outcome.FAILED);

		CampaignSummary campaign = this.other.find("spring-reminders").orElseThrow();

		assertThat(campaign.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.CREATED, 1L, Outcome.REUSED, 1L,
				Outcome.FAILED, 0L, Outcome.CANCELLED, 1L, Outcome.EXPIRED, 1L));
		assertThat(campaign.settled()).isEqualTo(4);
		assertThat(campaign.state()).isEqualTo(CampaignState.RUNNING);
		assertThat(this.one.find("other").orElseThrow().counts()).containsEntry(Outcome.FAILED, 1L);
	}

	@Test
	void aSuccessWhoseRowAFailureTookJustBeforeItReplacesTheFailure() {
		// between the success's first look and its insert, another instance counts a
		// failure of the same request: the success's insert finds the row taken
		this.hook.before((sql) -> sql.contains("INSERT INTO campaign_request"),
				() -> this.other.settled("c", "r1", Outcome.FAILED));

		this.one.settled("c", "r1", Outcome.CREATED);

		assertThat(this.hook.ran()).isTrue();
		assertThat(this.other.find("c").orElseThrow().counts()).containsEntry(Outcome.CREATED, 1L)
			.containsEntry(Outcome.FAILED, 0L);
	}

	@Test
	void isDoneOnceItsRegisteredTotalIsSettled() {
		this.one.register("c", 2);
		this.one.settled("c", "r1", Outcome.CREATED);
		CampaignSummary halfway = this.other.find("c").orElseThrow();
		this.other.settled("c", "r2", Outcome.FAILED);

		assertThat(halfway.total()).isEqualTo(2);
		assertThat(halfway.isDone()).isFalse();
		assertThat(this.one.find("c").orElseThrow().isDone()).isTrue();
		assertThat(this.one.find("never")).isEmpty();
	}

	@Test
	void aPauseReachesTheOtherInstanceWithinTheRefreshAndAResumeToo() {
		this.one.settled("c", "r1", Outcome.CREATED);
		assertThat(this.other.stateOf("c")).isEqualTo(CampaignState.RUNNING);

		this.clock.advance(Duration.ofMillis(100));
		this.one.change("c", CampaignState.PAUSED);
		CampaignState seenAtOnce = this.one.stateOf("c");
		CampaignState seenBeforeTheRefresh = this.other.stateOf("c");
		this.clock.advance(REFRESH.minusMillis(99));
		CampaignState seenAfterTheRefresh = this.other.stateOf("c");
		this.other.change("c", CampaignState.RUNNING);

		assertThat(seenAtOnce).isEqualTo(CampaignState.PAUSED);
		assertThat(seenBeforeTheRefresh).isEqualTo(CampaignState.RUNNING);
		assertThat(seenAfterTheRefresh).isEqualTo(CampaignState.PAUSED);
		assertThat(this.other.stateOf("c")).isEqualTo(CampaignState.RUNNING);
		assertThat(this.one.find("c").orElseThrow().lastActivityAt()).isEqualTo(START.plus(REFRESH).plusMillis(1));
	}

	@Test
	void cancellingIsFinal() {
		this.one.change("c", CampaignState.CANCELLED);

		assertThatIllegalStateException().isThrownBy(() -> this.other.change("c", CampaignState.RUNNING))
			.withMessageContaining("cancelled");
		assertThatIllegalStateException().isThrownBy(() -> this.other.change("c", CampaignState.PAUSED));
		assertThat(this.other.change("c", CampaignState.CANCELLED).state()).isEqualTo(CampaignState.CANCELLED);
		assertThat(this.other.stateOf("c")).isEqualTo(CampaignState.CANCELLED);
	}

	@Test
	void listsTheMostRecentlyActiveFirst() {
		this.one.settled("old", "r1", Outcome.CREATED);
		this.clock.advance(Duration.ofSeconds(60));
		this.one.settled("new", "r1", Outcome.CREATED);
		this.clock.advance(Duration.ofSeconds(60));
		this.one.change("paused-before-it-began", CampaignState.PAUSED);

		assertThat(this.other.list()).extracting(CampaignSummary::campaignId)
			.containsExactly("paused-before-it-began", "new", "old");
		assertThat(this.other.list().get(0).settled()).isZero();
		assertThat(this.other.list().get(0).total()).isNull();
		assertThat(this.other.list().get(0).isDone()).isFalse();
	}

	@Test
	void keepsTheFirstChoiceOfAFairShareWhenTwoInstancesChooseAtOnce() {
		// between this instance's look (no share yet) and its choice, the other chooses
		this.hook.before((sql) -> sql.contains("UPDATE campaign SET fair_share"),
				() -> this.other.fairShare("c", 8, () -> 5));

		int chosenHere = this.one.fairShare("c", 8, () -> 3);

		assertThat(this.hook.ran()).isTrue();
		assertThat(chosenHere).isEqualTo(5);
		assertThat(this.other.fairShare("c", 8, () -> 6)).isEqualTo(5);
		assertThat(this.one.fairShare("c", 8, () -> 6)).isEqualTo(5);
	}

	@Test
	void givesEachCampaignItsOwnChoiceAndChoosesAgainWhenTheSharesAreFewer() {
		assertThat(this.one.fairShare("a", 8, () -> 7)).isEqualTo(7);
		assertThat(this.other.fairShare("b", 8, () -> 2)).isEqualTo(2);

		assertThat(this.other.fairShare("a", 4, () -> 3)).isEqualTo(3);
		assertThat(this.one.fairShare("a", 4, () -> 1)).as("this instance remembered 7, now out of range").isEqualTo(3);
		assertThat(this.one.fairShare("b", 4, () -> 1)).isEqualTo(2);
	}

}
