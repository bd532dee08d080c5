package com.outboundsms.worker.web;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Counts the refused calls of each client (by address) and holds off a client refused too
 * often within the window, so that one caller sending bad tokens cannot keep the door's
 * token validation busy. Bounded: clients quiet for a whole window are forgotten, since
 * their count would have started over anyway.
 */
class ClientRefusals {

	private final RateLimiterConfig perClient;

	private final Duration window;

	private final Cache<String, RateLimiter> clients;

	ClientRefusals(HttpApiProperties.ClientRefusals settings, int capacity) {
		this.window = settings.window();
		this.perClient = RateLimiterConfig.custom()
			.limitForPeriod(settings.limit())
			.limitRefreshPeriod(settings.window())
			.timeoutDuration(Duration.ZERO)
			.build();
		this.clients = Caffeine.newBuilder()
			.maximumSize(capacity)
			.expireAfterAccess(settings.window())
			.executor(Runnable::run)
			.build();
	}

	/**
	 * How long the client is held off.
	 * @param client the client's address
	 * @return at most how long until the client may try again; empty if it may now
	 */
	Optional<Duration> heldOff(String client) {
		RateLimiter refusals = this.clients.getIfPresent(client);
		if (refusals == null || refusals.getMetrics().getAvailablePermissions() > 0) {
			return Optional.empty();
		}
		// the limiter does not say when its window ends: the whole window is the most
		return Optional.of(this.window);
	}

	/**
	 * Counts a refused call of the client.
	 * @param client the client's address
	 */
	void refused(String client) {
		this.clients.get(client, (key) -> RateLimiter.of("http-door-client", this.perClient)).acquirePermission();
	}

}
