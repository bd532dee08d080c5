package com.outboundsms.worker.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.outboundsms.worker.idempotency.StatementHook;
import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.MutableClock;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the held requests' store and its releaser must do on every database the store runs
 * on, migrated by the real Flyway scripts, with two instances on one database.
 */
abstract class HeldRequestsContract {

	private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");

	private static final Instant OPENS = Instant.parse("2026-12-07T16:00:00Z");

	private static final HoldProperties PROPERTIES = new HoldProperties(Duration.ofSeconds(1), 2, Duration.ofMinutes(1),
			Duration.ofSeconds(15));

	private final MutableClock clock = new MutableClock(NOW);

	private final List<String> published = new CopyOnWriteArrayList<>();

	private JdbcHeldRequests one;

	private JdbcHeldRequests other;

	private StatementHook hook;

	protected abstract DataSource freshDatabase();

	@BeforeEach
	void migrate() {
		DataSource database = freshDatabase();
		Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		this.hook = new StatementHook(database);
		HeldMessages messages = new HeldMessages(JsonMapper.builder().build());
		this.one = new JdbcHeldRequests(JdbcClient.create(this.hook), this.clock, messages);
		this.other = new JdbcHeldRequests(JdbcClient.create(database), this.clock, messages);
	}

	@Test
	void keepsTheMessageAsDeliveredOncePerRequest() {
		this.one.hold(message("r1", "{\"toName\":\"Zoë\"}"), Lane.BULK, "r1", OPENS, HoldReason.WINDOW);
		// a redelivery finds the row and leaves it as it was
		this.other.hold(message("r1", "{}"), Lane.INTERACTIVE, "r1", OPENS.plusSeconds(60), HoldReason.SCHEDULED);

		assertThat(this.one.count().get(Lane.BULK)).containsEntry(HoldReason.WINDOW, 1L)
			.containsEntry(HoldReason.SCHEDULED, 0L);
		assertThat(this.one.count().get(Lane.INTERACTIVE)).containsEntry(HoldReason.SCHEDULED, 0L);
		this.clock.advance(Duration.between(NOW, OPENS));
		HeldRequest held = this.one.claimDue(this.clock.instant(), 10, Duration.ofMinutes(1)).requests().get(0);
		assertThat(held.requestId()).isEqualTo("r1");
		assertThat(held.lane()).isEqualTo(Lane.BULK);
		assertThat(held.releaseAt()).isEqualTo(OPENS);
		assertThat(new String(held.message().getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"toName\":\"Zoë\"}");
		MessageProperties properties = held.message().getMessageProperties();
		assertThat(properties.getMessageId()).isEqualTo("r1");
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getHeaders()).containsEntry("x-campaign-id", "spring")
			.containsEntry("x-campaign-total", 20000)
			.doesNotContainKeys("x-delivery-count", "x-death");
	}

	@Test
	void releasesNothingBeforeItsTime() {
		this.one.hold(message("r1", "{}"), Lane.BULK, "r1", OPENS, HoldReason.WINDOW);

		assertThat(releaser(this.one).releaseDue()).isZero();
		this.clock.advance(Duration.between(NOW, OPENS).minusMillis(1));
		assertThat(releaser(this.one).releaseDue()).isZero();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(releaser(this.one).releaseDue()).isEqualTo(1);
		assertThat(this.published).containsExactly("r1");
		assertThat(this.one.count().get(Lane.BULK)).containsEntry(HoldReason.WINDOW, 0L);
	}

	@Test
	void releasesAgainWhatAReleaserClaimedButNeverDeletedOnceItsLeaseEnds() {
		this.one.hold(message("r1", "{}"), Lane.BULK, "r1", NOW, HoldReason.WINDOW);
		// claimed, then the releaser died before it published or deleted
		assertThat(this.one.claimDue(NOW, 10, Duration.ofMinutes(1)).requests()).hasSize(1);

		assertThat(releaser(this.other).releaseDue()).isZero();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(releaser(this.other).releaseDue()).isEqualTo(1);
		assertThat(this.published).containsExactly("r1");
	}

	@Test
	void keepsTheRowsOfABatchTheBrokerDidNotTake() {
		this.one.hold(message("r1", "{}"), Lane.BULK, "r1", NOW, HoldReason.WINDOW);
		HeldRequestReleaser failing = new HeldRequestReleaser(this.one, (requests) -> {
			throw new IllegalStateException("no confirm");
		}, PROPERTIES, this.clock, WorkerMetrics.none());

		try {
			failing.releaseDue();
		}
		catch (IllegalStateException expected) {
			// the scheduled task logs it and tries again
		}

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(releaser(this.other).releaseDue()).isEqualTo(1);
	}

	@Test
	void twoReleasersClaimingAtOnceReleaseEachRequestOnce() {
		for (int i = 0; i < 5; i++) {
			this.one.hold(message("r" + i, "{}"), Lane.BULK, "r" + i, NOW, HoldReason.WINDOW);
		}
		// the other releaser claims, publishes and deletes between this one's look at
		// what is due and its claim of the same rows
		int[] otherReleased = new int[1];
		this.hook.before((sql) -> sql.contains("UPDATE held_request SET claimed_by"),
				() -> otherReleased[0] = releaser(this.other).releaseDue());

		int released = releaser(this.one).releaseDue();

		assertThat(this.hook.ran()).isTrue();
		assertThat(released + otherReleased[0]).isEqualTo(5);
		assertThat(this.published).hasSize(5).doesNotHaveDuplicates();
	}

	@Test
	void aClaimMadeFirstKeepsTheSecondClaimantOff() {
		for (int i = 0; i < 2; i++) {
			this.one.hold(message("r" + i, "{}"), Lane.BULK, "r" + i, NOW, HoldReason.WINDOW);
		}
		List<JdbcHeldRequests.Claim> otherClaims = new CopyOnWriteArrayList<>();
		// both look at what is due; the other claims first, and publishes afterwards
		this.hook.before((sql) -> sql.contains("UPDATE held_request SET claimed_by"),
				() -> otherClaims.add(this.other.claimDue(NOW, 10, Duration.ofMinutes(1))));

		JdbcHeldRequests.Claim mine = this.one.claimDue(NOW, 10, Duration.ofMinutes(1));

		assertThat(otherClaims.get(0).requests()).hasSize(2);
		assertThat(mine.requests()).isEmpty();
	}

	private HeldRequestReleaser releaser(JdbcHeldRequests store) {
		return new HeldRequestReleaser(store,
				(requests) -> requests.forEach((request) -> this.published.add(request.requestId())), PROPERTIES,
				this.clock, WorkerMetrics.none());
	}

	private static Message message(String messageId, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(messageId);
		properties.setContentType("application/json");
		properties.setHeader("x-campaign-id", "spring");
		properties.setHeader("x-campaign-total", 20000);
		properties.setHeader("x-delivery-count", 3L);
		properties.setHeader("x-death", List.of(Map.of("count", 1L)));
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

}
