package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.outboundsms.worker.budget.MemoryRateBuckets;
import com.outboundsms.worker.budget.RateBuckets;
import com.outboundsms.worker.pacing.VirtualTicker;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A sender's pace of first messages: a token right before a post and only then, the
 * sender's own rate or the default, the interactive lane's share kept, and a wait that
 * ends as a transient failure with nothing posted.
 */
class SenderPacingTests {

	private static final String PACED = "+15005550006";

	private final VirtualTicker ticker = new VirtualTicker();

	private final AtomicInteger takes = new AtomicInteger();

	private final HeldBackCalls counted = new HeldBackCalls();

	private final List<String> posted = new ArrayList<>();

	@Test
	void aPacedSendersSecondMessageWaitsForItsTurn() {
		SenderPacing pacing = pacing(Map.of(PACED, 1.0));

		post(pacing, PACED);
		post(pacing, PACED);

		assertThat(this.posted).hasSize(2);
		assertThat(this.ticker.sleeps().stream().mapToLong(Long::longValue).sum())
			.isBetween(Duration.ofMillis(1000).toNanos(), Duration.ofMillis(1010).toNanos());
	}

	@Test
	void aSenderWithoutAPaceTakesNoToken() {
		SenderPacing pacing = pacing(Map.of(PACED, 1.0));

		post(pacing, "+15005550007");
		post(pacing, "+15005550007");

		assertThat(this.takes).hasValue(0);
		assertThat(this.ticker.sleeps()).isEmpty();
	}

	@Test
	void theDefaultPacesEverySenderWithoutOneOfItsOwn() {
		SenderPacing pacing = new SenderPacing(
				new SenderPacingProperties(Map.of("default", new SenderPacingProperties.Pace(2), "15005550006",
						new SenderPacingProperties.Pace(100))),
				budget(), limits(Duration.ofSeconds(5)), this.counted.metrics());

		post(pacing, "+15005550007");
		post(pacing, "+15005550007");
		post(pacing, "+15005550007");
		post(pacing, PACED);
		post(pacing, PACED);

		assertThat(this.ticker.sleeps()).hasSize(1);
		assertThat(this.ticker.sleeps().get(0)).isEqualTo(Duration.ofMillis(500).toNanos());
	}

	@Test
	void bulkLeavesTheSendersInteractiveShare() {
		SenderPacing pacing = pacing(Map.of(PACED, 10.0));
		for (int i = 0; i < 8; i++) {
			bulk(() -> post(pacing, PACED));
		}
		assertThat(this.ticker.sleeps()).isEmpty();

		// the ninth waits for a refill, although 2 tokens are there
		bulk(() -> post(pacing, PACED));
		assertThat(this.ticker.sleeps()).hasSize(1);
		assertThat(this.counted.heldBack()).containsExactly("sender reserve");

		// which the interactive lane takes at once
		post(pacing, PACED);
		post(pacing, PACED);
		assertThat(this.ticker.sleeps()).hasSize(1);
		assertThat(this.posted).hasSize(11);
	}

	@Test
	void aTurnThatDoesNotComeInTimeFailsTransientlyWithNothingPosted() {
		SenderPacing pacing = new SenderPacing(
				new SenderPacingProperties(Map.of(PACED, new SenderPacingProperties.Pace(0.1))), budget(),
				limits(Duration.ofMillis(200)), this.counted.metrics());
		post(pacing, PACED);

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> post(pacing, PACED))
			.withMessageContaining("+1500***0006")
			.withMessageContaining("its sender's pace");
		assertThat(this.posted).hasSize(1);
	}

	@Test
	void aMessageFoundPostedByAnEarlierAttemptTakesNoToken() {
		SenderPacing pacing = pacing(Map.of(PACED, 1.0));
		FirstMessage.Messages messages = new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return List.of(new FirstMessage.Posted("IM00000000000000000000000000000001",
						"{\"" + FirstMessage.MARKER + "\":true}"));
			}

			@Override
			public String post(String body, String attributes) {
				throw new AssertionError("posted again");
			}

		};

		FirstMessage.Result result = FirstMessage.ensure(request(PACED),
				OutreachProgress.none().attempting(Sid.MESSAGE), true, (progress) -> {
				}, Sid.MESSAGE, pacing.paced(PACED, messages));

		assertThat(result.progress().has(Sid.MESSAGE)).isTrue();
		assertThat(this.takes).hasValue(0);
	}

	private static void bulk(Runnable work) {
		Lane.BULK.run(() -> {
			work.run();
			return null;
		});
	}

	private void post(SenderPacing pacing, String from) {
		FirstMessage.ensure(request(from), OutreachProgress.none(), false, (progress) -> {
		}, Sid.MESSAGE, pacing.paced(from, new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return List.of();
			}

			@Override
			public String post(String body, String attributes) {
				SenderPacingTests.this.posted.add(body);
				return "IM00000000000000000000000000000001";
			}

		}));
	}

	private SenderPacing pacing(Map<String, Double> paces) {
		Map<String, SenderPacingProperties.Pace> senders = new HashMap<>();
		paces.forEach((number, pace) -> senders.put(number, new SenderPacingProperties.Pace(pace)));
		return new SenderPacing(new SenderPacingProperties(senders), budget(), limits(Duration.ofSeconds(5)),
				this.counted.metrics());
	}

	private LaneBudget budget() {
		MemoryRateBuckets buckets = new MemoryRateBuckets(this.ticker);
		RateBuckets counting = (bucket, perSecond, floor) -> {
			this.takes.incrementAndGet();
			return buckets.take(bucket, perSecond, floor);
		};
		return new LaneBudget(counting, 0.2, this.ticker);
	}

	private static TwilioLimitsProperties limits(Duration permitWait) {
		return TwilioBudgets.limits(10, 1, 50, permitWait, true, Map.of());
	}

	private static OutboundSmsRequest request(String from) {
		return new OutboundSmsRequest("r1", new NumberPair(from, "+14155552671"), "Jane", null, "Hello", Map.of(),
				null);
	}

}
