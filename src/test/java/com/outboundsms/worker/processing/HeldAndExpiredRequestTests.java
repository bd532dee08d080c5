package com.outboundsms.worker.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the core does with a request that may not be sent yet, or no longer can be: held
 * before any claim or Twilio call, expired without one, and a request settled before
 * answered as before whatever the time.
 */
class HeldAndExpiredRequestTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final ProcessingProperties PROPERTIES = new ProcessingProperties(Duration.ofHours(24), Duration.ZERO,
			Duration.ofMillis(100), Duration.ofMinutes(2));

	private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");

	// the bulk lane's window opens at 16:00Z; the interactive lane has none
	private static final Instant OPENS = Instant.parse("2026-12-07T16:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final InMemoryOutreachStore store = new InMemoryOutreachStore(this.clock);

	private final RecordingBackend backend = new RecordingBackend();

	private final StatedCampaigns campaigns = new StatedCampaigns();

	private final SendWindows windows = (lane, toNumber, from) -> (lane == Lane.BULK && from.isBefore(OPENS)) ? OPENS
			: from;

	private final OutreachProcessor processor = new OutreachProcessor(this.store, this.backend, PROPERTIES, this.clock,
			new ClockAdvancingSleeper(this.clock), this.campaigns, this.windows);

	@Test
	void holdsABulkRequestUntilItsWindowOpensWithoutClaimOrTwilioCall() {
		RequestHeld held = catchThrowableOfType(RequestHeld.class,
				() -> Lane.BULK.run(() -> this.processor.process(request("r1", null, null, null), 1)));

		assertThat(held.until()).isEqualTo(OPENS);
		assertThat(held.reason()).isEqualTo(HoldReason.WINDOW);
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.store.row(PAIR)).isEmpty();
	}

	@Test
	void sendsOnceTheWindowIsOpen() {
		this.clock.advance(Duration.between(NOW, OPENS));

		ResultEvent event = Lane.BULK.run(() -> this.processor.process(request("r1", null, null, null), 1));

		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
	}

	@Test
	void theInteractiveLaneHasNoWindowHere() {
		ResultEvent event = Lane.INTERACTIVE.run(() -> this.processor.process(request("r1", null, null, null), 1));

		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
	}

	@Test
	void holdsARequestUntilItsNotBeforeAsScheduled() {
		Instant notBefore = NOW.plus(Duration.ofMinutes(30));

		RequestHeld held = catchThrowableOfType(RequestHeld.class,
				() -> Lane.INTERACTIVE.run(() -> this.processor.process(request("r1", null, notBefore, null), 1)));

		assertThat(held.until()).isEqualTo(notBefore);
		assertThat(held.reason()).isEqualTo(HoldReason.SCHEDULED);
		assertThat(this.backend.creates()).isEmpty();
	}

	@Test
	void holdsAScheduledBulkRequestUntilTheWindowOpensAfterItsNotBefore() {
		RequestHeld held = catchThrowableOfType(RequestHeld.class,
				() -> Lane.BULK.run(() -> this.processor.process(request("r1", null, NOW.plusSeconds(60), null), 1)));

		assertThat(held.until()).isEqualTo(OPENS);
		assertThat(held.reason()).isEqualTo(HoldReason.WINDOW);
	}

	@Test
	void expiresARequestTakenAfterItsNotAfterWithoutTwilioCall() {
		ResultEvent event = Lane.INTERACTIVE
			.run(() -> this.processor.process(request("r1", "spring", null, NOW.minusSeconds(1)), 2));

		assertThat(event.outcome()).isEqualTo(Outcome.EXPIRED);
		assertThat(event.campaignId()).isEqualTo("spring");
		assertThat(event.attempts()).isEqualTo(2);
		assertThat(event.sids()).isEmpty();
		assertThat(event.error()).isNull();
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.store.row(PAIR)).isEmpty();
	}

	@Test
	void expiresAtOnceARequestWhoseWindowOpensOnlyAfterItsNotAfter() {
		ResultEvent event = Lane.BULK
			.run(() -> this.processor.process(request("r1", null, null, OPENS.minusSeconds(1)), 1));

		assertThat(event.outcome()).isEqualTo(Outcome.EXPIRED);
		assertThat(this.backend.creates()).isEmpty();
	}

	@Test
	void sendsARequestWhoseWindowOpensRightAtItsNotAfter() {
		this.clock.advance(Duration.between(NOW, OPENS));

		ResultEvent event = Lane.BULK.run(() -> this.processor.process(request("r1", null, null, OPENS), 1));

		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
	}

	@Test
	void answersARequestSettledBeforeAsBeforeWhateverTheTime() {
		this.clock.advance(Duration.between(NOW, OPENS));
		ResultEvent first = Lane.BULK.run(() -> this.processor.process(request("r1", null, null, null), 1));
		this.clock.advance(Duration.ofHours(6));

		ResultEvent again = Lane.BULK
			.run(() -> this.processor.process(request("r1", null, null, OPENS.plusSeconds(1)), 2));

		assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(again.sids()).isEqualTo(first.sids());
	}

	@Test
	void cancelsARequestOfACancelledCampaignRatherThanHoldingIt() {
		this.campaigns.with("spring", CampaignState.CANCELLED);

		ResultEvent event = Lane.BULK.run(() -> this.processor.process(request("r1", "spring", null, null), 1));

		assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
	}

	@Test
	void holdsARequestOfAPausedCampaignInTheStoreRatherThanRoundADelayQueue() {
		this.campaigns.with("spring", CampaignState.PAUSED);

		RequestHeld held = catchThrowableOfType(RequestHeld.class,
				() -> Lane.BULK.run(() -> this.processor.process(request("r1", "spring", null, null), 1)));

		assertThat(held.until()).isEqualTo(OPENS);
	}

	private static OutboundSmsRequest request(String requestId, @Nullable String campaignId,
			@Nullable Instant notBefore, @Nullable Instant notAfter) {
		return new OutboundSmsRequest(requestId, PAIR, "Jane", null, "Hello Jane", Map.of(), null, null, campaignId,
				notBefore, notAfter);
	}

}
