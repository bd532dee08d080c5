package com.outboundsms.worker.budget;

import java.time.Duration;

import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.pacing.VirtualTicker;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one instance's buckets: the contract on real time, and the refill on a ticker that
 * moves only when told.
 */
class MemoryRateBucketsTests {

	private final VirtualTicker ticker = new VirtualTicker();

	private final MemoryRateBuckets buckets = new MemoryRateBuckets(this.ticker);

	@Test
	void refillsAtTheRateUpToOneSecondOfIt() {
		drain("b", 10);

		this.ticker.advance(Duration.ofMillis(250));
		assertThat(drain("b", 10)).isEqualTo(2);
		this.ticker.advance(Duration.ofMillis(50));
		assertThat(drain("b", 10)).isOne();
		this.ticker.advance(Duration.ofMinutes(5));
		assertThat(drain("b", 10)).isEqualTo(10);
	}

	@Test
	void saysHowLongUntilTheNextTokenForTheFloor() {
		drain("b", 10);
		RateBuckets.Take bulk = this.buckets.take("b", 10, 2);

		assertThat(bulk.taken()).isFalse();
		assertThat(bulk.timeToTake(10, 2)).isEqualTo(Duration.ofMillis(300));
		this.ticker.advance(Duration.ofMillis(299));
		assertThat(this.buckets.take("b", 10, 2).taken()).isFalse();
		this.ticker.advance(Duration.ofMillis(1));
		assertThat(this.buckets.take("b", 10, 2).taken()).isTrue();
	}

	@Test
	void aSlowRateStillLetsTheBulkLaneThrough() {
		// one message a second with a fifth of it reserved: the bucket holds 1.2 tokens,
		// so that bulk takes one a second and leaves the interactive lane its fifth
		assertThat(RateBuckets.capacity(1, 0.2)).isEqualTo(1.2);
		assertThat(this.buckets.take("s", 1, 0.2).taken()).isTrue();
		assertThat(this.buckets.take("s", 1, 0.2).taken()).isFalse();
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(this.buckets.take("s", 1, 0.2).taken()).isTrue();
	}

	private int drain(String bucket, double rate) {
		int taken = 0;
		while (this.buckets.take(bucket, rate, 0).taken()) {
			taken++;
		}
		return taken;
	}

	@Nested
	class OnRealTime extends RateBucketsContract {

		private final MemoryRateBuckets shared = new MemoryRateBuckets(Ticker.system());

		@Override
		protected RateBuckets instance() {
			return this.shared;
		}

	}

}
