package com.outboundsms.worker.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BudgetedFlexTokensTests {

	private static final Instant EXPIRATION = Instant.parse("2026-11-23T11:00:00Z");

	private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

	@Test
	void refusesAValidationBeyondItsConcurrencyWithoutAskingTwilio() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FlexTokens budgeted = new BudgetedFlexTokens((token) -> {
			this.asked.add(token);
			inside.countDown();
			await(release);
			return Optional.of(EXPIRATION);
		}, new HttpApiProperties.TokenValidation(1, 100, Duration.ofMillis(50), Duration.ofMinutes(1)));
		CompletableFuture<Optional<Instant>> slow = CompletableFuture.supplyAsync(() -> budgeted.validUntil("slow"));
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(FlexTokensUnavailable.class).isThrownBy(() -> budgeted.validUntil("second"))
			.withMessageContaining("1 in flight");
		release.countDown();
		assertThat(slow.get(10, TimeUnit.SECONDS)).contains(EXPIRATION);
		assertThat(budgeted.validUntil("third")).contains(EXPIRATION);
		assertThat(this.asked).containsExactly("slow", "third");
	}

	@Test
	void refusesValidationsBeyondItsRatePerSecond() {
		FlexTokens budgeted = new BudgetedFlexTokens((token) -> {
			this.asked.add(token);
			return Optional.empty();
		}, new HttpApiProperties.TokenValidation(10, 2, Duration.ZERO, Duration.ofMinutes(1)));
		int refused = 0;

		// five at once: two per second, four at most should a second begin meanwhile
		for (int i = 0; i < 5; i++) {
			try {
				budgeted.validUntil("token-" + i);
			}
			catch (FlexTokensUnavailable ex) {
				assertThat(ex).hasMessageContaining("rate of 2 per second");
				refused++;
			}
		}

		assertThat(refused).isPositive();
		assertThat(this.asked).hasSize(5 - refused).hasSizeLessThanOrEqualTo(4);
	}

	@Test
	void givesItsRoomBackWhenTwilioFails() {
		FlexTokens budgeted = new BudgetedFlexTokens((token) -> {
			this.asked.add(token);
			throw new FlexTokensUnavailable("Twilio is down", null);
		}, new HttpApiProperties.TokenValidation(1, 100, Duration.ZERO, Duration.ofMinutes(1)));

		assertThatExceptionOfType(FlexTokensUnavailable.class).isThrownBy(() -> budgeted.validUntil("first"))
			.withMessage("Twilio is down");
		assertThatExceptionOfType(FlexTokensUnavailable.class).isThrownBy(() -> budgeted.validUntil("second"))
			.withMessage("Twilio is down");
		assertThat(this.asked).containsExactly("first", "second");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
