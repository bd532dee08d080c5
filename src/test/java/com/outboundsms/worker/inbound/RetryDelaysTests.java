package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDelaysTests {

	private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(4), Duration.ofSeconds(8));

	@Test
	void drawsUpToACeilingThatDoublesPerAttemptAndRoundsDownToADelayQueue() {
		RetryDelays highest = new RetryDelays(DELAYS, () -> 0.999);

		assertThat(highest.after(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(highest.after(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(highest.after(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(highest.after(4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(highest.after(9)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void neverWaitsLessThanTheShortestDelayNorMoreThanTheLongest() {
		RetryDelays lowest = new RetryDelays(DELAYS, () -> 0.0);
		RetryDelays middle = new RetryDelays(DELAYS, () -> 0.5);

		assertThat(lowest.after(7)).isEqualTo(Duration.ofSeconds(1));
		assertThat(middle.after(5)).isEqualTo(Duration.ofSeconds(4));
		assertThat(middle.after(100)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void waitsAtLeastAsLongAsTheFailureAskedRoundingUpToADelayQueue() {
		RetryDelays lowest = new RetryDelays(DELAYS, () -> 0.0);
		RetryDelays highest = new RetryDelays(DELAYS, () -> 0.999);

		assertThat(lowest.after(1, Duration.ofMillis(2500))).isEqualTo(Duration.ofSeconds(4));
		assertThat(lowest.after(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(8));
		assertThat(lowest.after(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
		assertThat(highest.after(9, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void namesTheDelayQueuesAfterTheRequestQueue() {
		assertThat(RetryDelays.queueName("outbound-sms.requests", Duration.ofSeconds(4)))
			.isEqualTo("outbound-sms.requests.retry.4000ms");
	}

}
