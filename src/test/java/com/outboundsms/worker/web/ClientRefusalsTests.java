package com.outboundsms.worker.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRefusalsTests {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final ClientRefusals refusals = new ClientRefusals(new HttpApiProperties.ClientRefusals(3, WINDOW), 100);

	@Test
	void holdsOffAClientOnceItWasRefusedAsOftenAsItsLimit() {
		this.refusals.refused("198.51.100.7");
		this.refusals.refused("198.51.100.7");
		assertThat(this.refusals.heldOff("198.51.100.7")).isEmpty();

		this.refusals.refused("198.51.100.7");

		assertThat(this.refusals.heldOff("198.51.100.7"))
			.hasValueSatisfying((retryAfter) -> assertThat(retryAfter).isPositive().isLessThanOrEqualTo(WINDOW));
	}

	@Test
	void holdsOffNoOtherClient() {
		for (int i = 0; i < 5; i++) {
			this.refusals.refused("198.51.100.7");
		}

		assertThat(this.refusals.heldOff("198.51.100.8")).isEmpty();
		assertThat(this.refusals.heldOff("2001:db8::1")).isEmpty();
	}

}
