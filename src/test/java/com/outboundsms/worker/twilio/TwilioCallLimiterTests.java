package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The wiring of the adaptive limit on Twilio calls: which answers shrink it, which grow
 * it, which say nothing, and what a call that waits too long for a permit becomes.
 */
class TwilioCallLimiterTests {

	@ParameterizedTest
	@ValueSource(ints = { 20429, 45780, 45010 })
	void shrinksTheLimitWhenTwilioAnswersTooManyRequests(int code) {
		TwilioCallLimiter limiter = limiter(10, 1, 50, Duration.ofSeconds(1), Map.of());

		Response response = limiter.call("POST flex-api/v1/Channels", () -> answer(429, code));

		assertThat(limiter.limit()).isEqualTo(9);
		assertThat(response.getStatusCode()).isEqualTo(429);
		assertThat(response.getContent()).contains("\"code\":" + code);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404, 500, 503 })
	void leavesTheLimitAloneOnOtherFailures(int status) {
		TwilioCallLimiter limiter = limiter(10, 1, 50, Duration.ofSeconds(1), Map.of());

		limiter.call("POST flex-api/v1/Channels", () -> answer(status, 20000 + status));

		assertThat(limiter.limit()).isEqualTo(10);
	}

	@Test
	void leavesTheLimitAloneOnA429WithAnotherCode() {
		TwilioCallLimiter limiter = limiter(10, 1, 50, Duration.ofSeconds(1), Map.of());

		limiter.call("POST flex-api/v1/Channels", () -> answer(429, 20001));

		assertThat(limiter.limit()).isEqualTo(10);
	}

	@Test
	void leavesTheLimitAloneWhenTheCallThrows() {
		TwilioCallLimiter limiter = limiter(10, 1, 50, Duration.ofSeconds(1), Map.of());

		assertThatExceptionOfType(ApiConnectionException.class)
			.isThrownBy(() -> limiter.call("POST flex-api/v1/Channels", () -> {
				throw new ApiConnectionException("connection reset");
			}));

		assertThat(limiter.limit()).isEqualTo(10);
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void growsTheLimitOnSuccessWhileItIsInUse() {
		TwilioCallLimiter limiter = limiter(2, 1, 3, Duration.ofSeconds(1), Map.of());

		limiter.call("GET flex-api/v1/FlexFlows", () -> answer(200, 0));
		limiter.call("GET flex-api/v1/FlexFlows", () -> answer(200, 0));

		assertThat(limiter.limit()).isEqualTo(3);
	}

	@Test
	void neverShrinksBelowTheFloor() {
		TwilioCallLimiter limiter = limiter(2, 2, 10, Duration.ofSeconds(1), Map.of());

		limiter.call("GET flex-api/v1/FlexFlows", () -> answer(429, 20429));
		limiter.call("GET flex-api/v1/FlexFlows", () -> answer(429, 20429));

		assertThat(limiter.limit()).isEqualTo(2);
	}

	@Test
	void failsTransientlyWhenNoPermitComesWithinTheWait() throws Exception {
		TwilioCallLimiter limiter = limiter(1, 1, 1, Duration.ofMillis(100), Map.of());
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Response> held = CompletableFuture
			.supplyAsync(() -> limiter.call("GET flex-api/v1/FlexFlows", () -> {
				awaitQuietly(release);
				return answer(200, 0);
			}));
		await().atMost(Duration.ofSeconds(5)).until(() -> limiter.inFlight() == 1);

		assertThatExceptionOfType(NoCallPermitException.class)
			.isThrownBy(() -> limiter.call("POST flex-api/v1/Channels", () -> answer(201, 0)))
			.satisfies((refused) -> assertThat(TwilioFailures.classify("creating the channel", refused))
				.isInstanceOf(TransientFailure.class)
				.hasMessageContaining("no permit for POST flex-api/v1/Channels within PT0.1S"));

		release.countDown();
		assertThat(held.get(5, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
	}

	@Test
	void holdsAnEndpointToItsRate() {
		TwilioCallLimiter limiter = limiter(10, 1, 50, Duration.ofMillis(20), Map.of("POST flex-api/v1/Channels", 1));

		limiter.call("POST flex-api/v1/Channels", () -> answer(201, 0));

		assertThatExceptionOfType(NoCallPermitException.class)
			.isThrownBy(() -> limiter.call("POST flex-api/v1/Channels", () -> answer(201, 0)))
			.withMessageContaining("rate limit");
		assertThat(limiter.call("POST proxy/v1/Services/{sid}/Sessions", () -> answer(201, 0)).getStatusCode())
			.isEqualTo(201);
	}

	@Test
	void ratesAreTwilioDocumentedOnesUnlessOverriddenOrOff() {
		TwilioLimitsProperties overridden = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(1), true,
				Map.of("POST flex-api/v1/Channels", 25, "POST flex-api/v1/Interactions", 0));
		TwilioLimitsProperties off = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(1), false, Map.of());

		assertThat(overridden.effectiveRates()).containsEntry("POST flex-api/v1/Channels", 25)
			.containsEntry("POST proxy/v1/Services/{sid}/Sessions", 30)
			.containsEntry("POST conversations/v1/Conversations", 30)
			.doesNotContainKey("POST flex-api/v1/Interactions");
		assertThat(off.effectiveRates()).isEmpty();
	}

	private static TwilioCallLimiter limiter(int initial, int min, int max, Duration wait, Map<String, Integer> rates) {
		return TwilioBudgets.limiter(TwilioBudgets.limits(initial, min, max, wait, !rates.isEmpty(), rates));
	}

	private static Response answer(int status, int code) {
		String body = (status < 400) ? "{\"sid\":\"CH00000000000000000000000000000000\"}"
				: "{\"code\":" + code + ",\"message\":\"busy\",\"more_info\":\"\",\"status\":" + status + "}";
		return new Response(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				status);
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
