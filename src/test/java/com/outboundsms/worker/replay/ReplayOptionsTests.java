package com.outboundsms.worker.replay;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command's arguments: its own options, the Spring properties passed on, and the
 * mistakes it refuses.
 */
class ReplayOptionsTests {

	@Test
	void movesEverythingAtTheDefaultRateWithoutOptions() {
		ReplayOptions options = ReplayOptions.parse(List.of());

		assertThat(options.filter()).isEqualTo(ReplayFilter.all());
		assertThat(options.limit()).isEqualTo(Integer.MAX_VALUE);
		assertThat(options.rate()).isEqualTo(50);
		assertThat(options.dryRun()).isFalse();
		assertThat(options.springArguments()).isEmpty();
	}

	@Test
	void readsEveryOption() {
		ReplayOptions options = ReplayOptions
			.parse(List.of("--error-code=RETRIES_EXHAUSTED,broker:delivery_limit", "--error-code=TWILIO_REJECTED",
					"--older-than=1h", "--newer-than=2d", "--limit=10", "--rate=5", "--dry-run"));

		assertThat(options.filter().errorCodes()).containsExactlyInAnyOrder("RETRIES_EXHAUSTED",
				"broker:delivery_limit", "TWILIO_REJECTED");
		assertThat(options.filter().olderThan()).isEqualTo(Duration.ofHours(1));
		assertThat(options.filter().newerThan()).isEqualTo(Duration.ofDays(2));
		assertThat(options.limit()).isEqualTo(10);
		assertThat(options.rate()).isEqualTo(5);
		assertThat(options.dryRun()).isTrue();
	}

	@Test
	void readsIsoDurations() {
		ReplayOptions options = ReplayOptions.parse(List.of("--newer-than=PT90M"));

		assertThat(options.filter()).isEqualTo(new ReplayFilter(Set.of(), null, Duration.ofMinutes(90)));
	}

	@Test
	void passesPropertiesWithDotsOnToSpring() {
		ReplayOptions options = ReplayOptions
			.parse(List.of("--spring.rabbitmq.host=rabbit", "--dry-run", "--outbound-sms.deadletter.queue=q.dlq"));

		assertThat(options.springArguments()).containsExactly("--spring.rabbitmq.host=rabbit",
				"--outbound-sms.deadletter.queue=q.dlq");
		assertThat(options.dryRun()).isTrue();
	}

	@Test
	void refusesUnknownOptionsAndBareWords() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--dryrun")))
			.withMessage("unknown option --dryrun");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("RETRIES_EXHAUSTED")))
			.withMessage("unexpected argument 'RETRIES_EXHAUSTED'");
	}

	@Test
	void refusesMissingAndInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--error-code")))
			.withMessageContaining("--error-code needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--older-than=soon")))
			.withMessageContaining("--older-than is not a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--older-than=0s")))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--limit=0")))
			.withMessageContaining("--limit must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--rate=fast")))
			.withMessageContaining("--rate is not a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.parse(List.of("--dry-run=maybe")))
			.withMessageContaining("--dry-run takes no value");
	}

	@Test
	void refusesAnAgeWindowNoMessageCanFall() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReplayOptions.parse(List.of("--older-than=2h", "--newer-than=1h")))
			.withMessageContaining("--newer-than must be longer than --older-than");
	}

}
