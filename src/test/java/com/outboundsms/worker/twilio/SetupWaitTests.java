package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.outboundsms.worker.processing.MutableClock;
import com.outboundsms.worker.processing.TransientFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SetupWaitTests {

	private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

	private final List<Duration> pauses = new ArrayList<>();

	private final AtomicInteger notYet = new AtomicInteger();

	private final SetupWait wait = new SetupWait(
			new InteractionSetupProperties(Duration.ofMillis(400), Duration.ofSeconds(1)), this.clock, (duration) -> {
				this.pauses.add(duration);
				this.clock.advance(duration);
			});

	@Test
	void answersTheFirstLookThatFindsSomethingWithoutWaiting() {
		String found = this.wait.until(() -> Optional.of("set up"), this.notYet::incrementAndGet);

		assertThat(found).isEqualTo("set up");
		assertThat(this.pauses).isEmpty();
		assertThat(this.notYet).hasValue(0);
	}

	@Test
	void looksAgainEveryPollUntilSomethingIsFound() {
		Deque<Optional<String>> looks = new ArrayDeque<>(List.of(Optional.empty(), Optional.empty(), Optional.of("x")));

		String found = this.wait.until(looks::removeFirst, this.notYet::incrementAndGet);

		assertThat(found).isEqualTo("x");
		assertThat(this.pauses).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400));
		assertThat(this.notYet).hasValue(1);
	}

	@Test
	void givesUpAsTransientOnceTheLongestWaitHasPassedShorteningTheLastPause() {
		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.wait.until(Optional::empty, this.notYet::incrementAndGet))
			.withMessageContaining("PT1S");

		assertThat(this.pauses).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(200));
		assertThat(this.notYet).hasValue(1);
	}

}
