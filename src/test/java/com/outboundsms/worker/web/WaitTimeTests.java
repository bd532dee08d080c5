package com.outboundsms.worker.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WaitTimeTests {

	private static final Duration MAX = Duration.ofSeconds(30);

	@Test
	void readsSecondsMillisecondsBareSecondsAndIso() {
		assertThat(WaitTime.parse("10s", MAX)).contains(Duration.ofSeconds(10));
		assertThat(WaitTime.parse("1500ms", MAX)).contains(Duration.ofMillis(1500));
		assertThat(WaitTime.parse("7", MAX)).contains(Duration.ofSeconds(7));
		assertThat(WaitTime.parse("PT30S", MAX)).contains(MAX);
	}

	@Test
	void noWaitOrZeroMeansAnswerAtOnce() {
		assertThat(WaitTime.parse(null, MAX)).isEmpty();
		assertThat(WaitTime.parse("", MAX)).isEmpty();
		assertThat(WaitTime.parse("0s", MAX)).isEmpty();
	}

	@Test
	void refusesWaitsOverTheMostAndWhatIsNoDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> WaitTime.parse("31s", MAX))
			.withMessage("must be between 0s and 30s");
		assertThatIllegalArgumentException().isThrownBy(() -> WaitTime.parse("PT-1S", MAX));
		assertThatIllegalArgumentException().isThrownBy(() -> WaitTime.parse("soon", MAX)).withMessageContaining("10s");
	}

	@Test
	void takesOnlySecondsAndMillisecondsInTheSimpleForm() {
		Duration year = Duration.ofDays(365);

		assertThat(WaitTime.parse("123456ms", year)).contains(Duration.ofMillis(123456));
		assertThat(List.of("10m", "1h", "1d", "10us", "10S", "+5", "-5", "1234567", "1.5s"))
			.allSatisfy((raw) -> assertThatIllegalArgumentException().isThrownBy(() -> WaitTime.parse(raw, year))
				.withMessage("must be a duration such as 10s, 1500ms or PT10S"));
	}

}
