package com.outboundsms.worker.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTests {

	private final List<String> validated = new ArrayList<>();

	private final PhoneNumbers counted = new PhoneNumbers((raw) -> {
		this.validated.add(raw);
		return raw.startsWith("+") ? Optional.of(raw) : Optional.empty();
	});

	@Test
	void normalizesValidNumbersAndRefusesInvalidOnesEveryTimeTheyAreSeen() {
		PhoneNumbers numbers = new PhoneNumbers("US");
		for (int time = 0; time < 2; time++) {
			assertThat(numbers.toE164("(415) 555-0100")).contains("+14155550100");
			assertThat(numbers.toE164("+44 20 7946 0958")).contains("+442079460958");
			assertThat(numbers.toE164("+1 415 555 01")).isEmpty();
			assertThat(numbers.toE164("not a number")).isEmpty();
		}
	}

	@Test
	void answersANumberSeenLatelyWithoutValidatingItAgain() {
		for (int time = 0; time < 3; time++) {
			assertThat(this.counted.toE164("+14155550100")).contains("+14155550100");
			assertThat(this.counted.toE164("4155550100")).isEmpty();
		}
		assertThat(this.validated).containsExactly("+14155550100", "4155550100");
	}

	@Test
	void validatesAgainANumberPushedOutByNewerOnes() {
		this.counted.toE164("+14155550100");
		for (int i = 0; i < PhoneNumbers.REMEMBERED; i++) {
			this.counted.toE164("+1415600" + String.format("%04d", i));
		}
		this.counted.toE164("+14155550100");
		assertThat(this.validated).hasSize(PhoneNumbers.REMEMBERED + 2).endsWith("+14155550100");
	}

	@Test
	void refusesOverlongInputWithoutValidatingOrRememberingIt() {
		assertThat(this.counted.toE164("+1" + "4".repeat(80))).isEmpty();
		assertThat(this.validated).isEmpty();
	}

}
