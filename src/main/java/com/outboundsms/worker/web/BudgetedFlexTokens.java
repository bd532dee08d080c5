package com.outboundsms.worker.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Twilio's Flex token validation within the door's own small budget (validations in
 * flight and started per second), apart from the limit on the outreaches' Twilio calls:
 * however many tokens callers send, and however slowly Twilio answers them, the door
 * holds no more than its budget, and never an outreach's permit.
 */
class BudgetedFlexTokens implements FlexTokens {

	private final FlexTokens twilio;

	private final Semaphore inFlight;

	private final RateLimiter rate;

	private final HttpApiProperties.TokenValidation budget;

	BudgetedFlexTokens(FlexTokens twilio, HttpApiProperties.TokenValidation budget) {
		this.twilio = twilio;
		this.budget = budget;
		this.inFlight = new Semaphore(budget.concurrency());
		this.rate = RateLimiter.of("flex-token-validation",
				RateLimiterConfig.custom()
					.limitForPeriod(budget.rate())
					.limitRefreshPeriod(Duration.ofSeconds(1))
					.timeoutDuration(budget.permitWait())
					.build());
	}

	@Override
	public Optional<Instant> validUntil(String token) {
		if (!this.rate.acquirePermission()) {
			throw busy("its rate of " + this.budget.rate() + " per second");
		}
		if (!acquireInFlight()) {
			throw busy(this.budget.concurrency() + " in flight");
		}
		try {
			return this.twilio.validUntil(token);
		}
		finally {
			this.inFlight.release();
		}
	}

	private boolean acquireInFlight() {
		try {
			return this.inFlight.tryAcquire(this.budget.permitWait().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private FlexTokensUnavailable busy(String limit) {
		return new FlexTokensUnavailable(
				"the token validation budget (" + limit + ") had no room within " + this.budget.permitWait(), null);
	}

}
