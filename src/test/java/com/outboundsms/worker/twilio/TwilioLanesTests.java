package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.budget.MemoryRateBuckets;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.pacing.VirtualTicker;
import com.outboundsms.worker.processing.Lane;
import com.twilio.http.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One budget, two lanes: a freed slot goes to a waiting interactive call before a bulk
 * one, bulk calls leave the interactive share of each rate and wait longer for it, and
 * the calls held back are counted.
 */
class TwilioLanesTests {

	private static final String CHANNELS = "POST flex-api/v1/Channels";

	private final HeldBackCalls counted = new HeldBackCalls();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopThreads() {
		this.threads.forEach(Thread::interrupt);
	}

	@Test
	void aFreedSlotGoesToTheWaitingInteractiveCallBeforeTheBulkOneThatCameFirst() {
		TwilioLimitsProperties limits = TwilioBudgets.limits(1, 1, 1, Duration.ofSeconds(10), false, Map.of());
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				TwilioBudgets.budget(limits, Ticker.system()), this.counted.metrics());
		List<Lane> started = new CopyOnWriteArrayList<>();
		CountDownLatch releaseHolder = new CountDownLatch(1);
		CountDownLatch releaseInteractive = new CountDownLatch(1);
		Thread holder = call(Lane.INTERACTIVE, limiter, releaseHolder, started);
		await().atMost(Duration.ofSeconds(5)).until(() -> limiter.inFlight() == 1);
		// the bulk call waits first, the interactive one after it
		Thread bulk = call(Lane.BULK, limiter, new CountDownLatch(0), started);
		await().atMost(Duration.ofSeconds(5)).until(() -> bulk.getState() == Thread.State.TIMED_WAITING);
		call(Lane.INTERACTIVE, limiter, releaseInteractive, started);
		await().atMost(Duration.ofSeconds(5)).until(() -> limiter.interactiveWaiting() == 1);

		releaseHolder.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> !holder.isAlive());

		await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
		assertThat(started).containsExactly(Lane.INTERACTIVE, Lane.INTERACTIVE);
		assertThat(bulk.getState()).isEqualTo(Thread.State.TIMED_WAITING);
		releaseInteractive.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> !bulk.isAlive());
		assertThat(started).containsExactly(Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.BULK);
		assertThat(this.counted.heldBack()).containsExactly("flex-api/v1/Channels priority");
	}

	@Test
	void bulkLeavesTheInteractiveShareOfARateWhichInteractiveCallsStillGet() {
		VirtualTicker ticker = new VirtualTicker();
		TwilioLimitsProperties limits = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true,
				Map.of(CHANNELS, 10));
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				TwilioBudgets.budget(limits, ticker), this.counted.metrics());
		// a bulk call's wait, a minute, never ends on this ticker's time unless it is
		// slept through: the bulk calls drain the bucket down to the reserve at once
		for (int i = 0; i < 8; i++) {
			Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created()));
		}
		assertThat(ticker.sleeps()).isEmpty();

		// the reserve, 2 of a second's 10 tokens, serves interactive calls at once
		Lane.INTERACTIVE.run(() -> limiter.call(CHANNELS, () -> created()));
		Lane.INTERACTIVE.run(() -> limiter.call(CHANNELS, () -> created()));
		assertThat(ticker.sleeps()).isEmpty();
		assertThat(this.counted.heldBack()).isEmpty();
	}

	@Test
	void aBulkCallWaitsForTheReserveToRefillAndIsCountedOnce() {
		VirtualTicker ticker = new VirtualTicker();
		TwilioLimitsProperties limits = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true,
				Map.of(CHANNELS, 10));
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				TwilioBudgets.budget(limits, ticker), this.counted.metrics());
		for (int i = 0; i < 8; i++) {
			Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created()));
		}
		long before = ticker.nanoTime();

		Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created()));

		// 2 tokens are left, a bulk take needs 3: a tenth of a second's refill
		assertThat(Duration.ofNanos(ticker.nanoTime() - before)).isBetween(Duration.ofMillis(100),
				Duration.ofMillis(110));
		assertThat(this.counted.heldBack()).containsExactly("flex-api/v1/Channels reserve");
	}

	@Test
	void withoutInteractiveTrafficBulkRunsAtTheFullRate() {
		VirtualTicker ticker = new VirtualTicker();
		TwilioLimitsProperties limits = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true,
				Map.of(CHANNELS, 10));
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				TwilioBudgets.budget(limits, ticker), this.counted.metrics());
		long before = ticker.nanoTime();

		for (int i = 0; i < 108; i++) {
			Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created()));
		}

		// 8 at once (the burst less the reserve), then 100 at 10 per second
		assertThat(Duration.ofNanos(ticker.nanoTime() - before)).isBetween(Duration.ofMillis(9900),
				Duration.ofMillis(10100));
	}

	@Test
	void anInteractiveCallGivesUpAfterThePermitWaitABulkOneWaitsLonger() {
		VirtualTicker ticker = new VirtualTicker();
		TwilioLimitsProperties limits = TwilioBudgets.limits(10, 1, 50, Duration.ofMillis(200), true,
				Map.of(CHANNELS, 1));
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				TwilioBudgets.budget(limits, ticker), this.counted.metrics());
		Lane.INTERACTIVE.run(() -> limiter.call(CHANNELS, () -> created()));

		assertThatExceptionOfType(NoCallPermitException.class)
			.isThrownBy(() -> Lane.INTERACTIVE.run(() -> limiter.call(CHANNELS, () -> created())))
			.withMessageContaining("within PT0.2S (its rate limit)");
		long before = ticker.nanoTime();
		assertThat(Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created())).getStatusCode()).isEqualTo(201);
		assertThat(Duration.ofNanos(ticker.nanoTime() - before)).isBetween(Duration.ofMillis(900),
				Duration.ofMillis(1300));
	}

	@Test
	void aBulkCallGivesUpAfterTheBulkPermitWait() {
		VirtualTicker ticker = new VirtualTicker();
		TwilioLimitsProperties limits = new TwilioLimitsProperties(10, 1, 50, 0.9, Duration.ofSeconds(5), true,
				Map.of(CHANNELS, 1), 0.2, Duration.ofMillis(500));
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15),
				new LaneBudget(new MemoryRateBuckets(ticker), limits.interactiveShare(), ticker),
				this.counted.metrics());
		Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created()));

		assertThatExceptionOfType(NoCallPermitException.class)
			.isThrownBy(() -> Lane.BULK.run(() -> limiter.call(CHANNELS, () -> created())))
			.withMessageContaining("within PT0.5S (its rate limit)");
	}

	/** A call in a lane of its own thread, held in flight until released. */
	private Thread call(Lane lane, TwilioCallLimiter limiter, CountDownLatch release, List<Lane> started) {
		Thread thread = new Thread(() -> lane.run(() -> limiter.call(CHANNELS, () -> {
			started.add(lane);
			awaitQuietly(release);
			return created();
		})));
		this.threads.add(thread);
		thread.start();
		return thread;
	}

	private static Response created() {
		return new Response("{\"sid\":\"CH00000000000000000000000000000000\"}", 201);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
