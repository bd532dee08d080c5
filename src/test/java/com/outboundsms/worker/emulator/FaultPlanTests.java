package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTests {

	private final FaultPlan faults = new FaultPlan();

	@Test
	void scriptedFailureFiresTheGivenNumberOfTimesOnMatchingRequestsOnly() {
		this.faults.failNext("POST", "/proxy/.*", 503, 20503, "Service unavailable", 2);

		FaultDecision other = this.faults.decide("GET", "/proxy/v1/Services/KS1/Sessions");
		FaultDecision first = this.faults.decide("POST", "/proxy/v1/Services/KS1/Sessions");
		FaultDecision second = this.faults.decide("POST", "/proxy/v1/Services/KS1/Sessions");
		FaultDecision third = this.faults.decide("POST", "/proxy/v1/Services/KS1/Sessions");

		assertThat(other.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(first.action()).isEqualTo(FaultDecision.Action.FAIL);
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.code()).isEqualTo(20503);
		assertThat(second.action()).isEqualTo(FaultDecision.Action.FAIL);
		assertThat(third.action()).isEqualTo(FaultDecision.Action.PROCEED);
	}

	@Test
	void latencyRulesAddUp() {
		this.faults.latency(Duration.ofMillis(100)).latency("GET", "/chat/.*", Duration.ofMillis(50));

		assertThat(this.faults.decide("GET", "/chat/v2/x").delay()).isEqualTo(Duration.ofMillis(150));
		assertThat(this.faults.decide("POST", "/chat/v2/x").delay()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void concurrencyCapAnswers429BeyondTheCapUntilARequestFinishes() {
		this.faults.concurrencyCap(1);

		FaultDecision first = this.faults.decide("GET", "/a");
		FaultDecision second = this.faults.decide("GET", "/a");
		this.faults.release();
		FaultDecision third = this.faults.decide("GET", "/a");

		assertThat(first.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(second.action()).isEqualTo(FaultDecision.Action.FAIL);
		assertThat(second.code()).isEqualTo(20429);
		assertThat(third.action()).isEqualTo(FaultDecision.Action.PROCEED);
	}

	@Test
	void aRateAnswers429BeyondOneSecondsWorthAndRefillsAsTimePasses() {
		AtomicLong now = new AtomicLong();
		FaultPlan plan = new FaultPlan(now::get).rateLimit("POST", "/flex-api/v1/Interactions", 2);

		FaultDecision first = plan.decide("POST", "/flex-api/v1/Interactions");
		FaultDecision second = plan.decide("POST", "/flex-api/v1/Interactions");
		FaultDecision third = plan.decide("POST", "/flex-api/v1/Interactions");
		FaultDecision otherEndpoint = plan.decide("POST", "/flex-api/v1/Channels");
		now.addAndGet(Duration.ofMillis(500).toNanos());
		FaultDecision halfASecondLater = plan.decide("POST", "/flex-api/v1/Interactions");
		FaultDecision rightAfter = plan.decide("POST", "/flex-api/v1/Interactions");

		assertThat(first.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(second.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(third.action()).isEqualTo(FaultDecision.Action.FAIL);
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.code()).isEqualTo(20429);
		assertThat(otherEndpoint.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(halfASecondLater.action()).isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(rightAfter.action()).isEqualTo(FaultDecision.Action.FAIL);
		assertThat(plan.rateLimited()).isEqualTo(2);
	}

	@Test
	void theDocumentedRatesHoldPerEndpoint() {
		AtomicLong now = new AtomicLong();
		FaultPlan plan = new FaultPlan(now::get).documentedRates();

		long interactions = IntStream.range(0, 50)
			.mapToObj((i) -> plan.decide("POST", "/flex-api/v1/Interactions"))
			.filter((decision) -> decision.action() == FaultDecision.Action.PROCEED)
			.count();
		long sessions = IntStream.range(0, 50)
			.mapToObj((i) -> plan.decide("POST", "/proxy/v1/Services/KS1/Sessions"))
			.filter((decision) -> decision.action() == FaultDecision.Action.PROCEED)
			.count();

		assertThat(interactions).isEqualTo(20);
		assertThat(sessions).isEqualTo(30);
	}

	@Test
	void resetClearsEverything() {
		this.faults.rateLimit(null, "/a", 0.5).decide("GET", "/a");
		this.faults.failNext(null, ".*", 500, 20500, "x", 5)
			.dropNext("*", ".*", 5)
			.badCredentials(true)
			.latency(Duration.ofSeconds(1));

		this.faults.reset();

		assertThat(this.faults.decide("GET", "/a")).isEqualTo(FaultDecision.proceed(Duration.ZERO));
		assertThat(this.faults.decide("GET", "/a")).isEqualTo(FaultDecision.proceed(Duration.ZERO));
		assertThat(this.faults.badCredentials()).isFalse();
	}

	@Test
	void dropIsDecidedForMatchingRequests() {
		this.faults.dropNext(null, "/flex-api/.*", 1);

		assertThat(this.faults.decide("GET", "/flex-api/v1/FlexFlows").action()).isEqualTo(FaultDecision.Action.DROP);
		assertThat(this.faults.decide("GET", "/flex-api/v1/FlexFlows").action())
			.isEqualTo(FaultDecision.Action.PROCEED);
	}

	@Test
	void aLostAnswerIsDecidedForTheNextMatchingRequestsOnly() {
		this.faults.loseAnswerNext("POST", "/flex-api/v1/Interactions", 1);

		assertThat(this.faults.decide("GET", "/flex-api/v1/Interactions").action())
			.isEqualTo(FaultDecision.Action.PROCEED);
		assertThat(this.faults.decide("POST", "/flex-api/v1/Interactions").action())
			.isEqualTo(FaultDecision.Action.LOSE_ANSWER);
		assertThat(this.faults.decide("POST", "/flex-api/v1/Interactions").action())
			.isEqualTo(FaultDecision.Action.PROCEED);
	}

}
