package com.outboundsms.worker.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.outboundsms.worker.processing.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a Flex user token is valid, asking Twilio as little as it can: a token
 * the local check refuses is never sent, and Twilio's answers are remembered by the
 * token's SHA-256 digest, never the token as it is: a valid token until it expires, a
 * refused one for a while. Bounded: the least used answers go first.
 */
class FlexTokenCache {

	private static final Logger logger = LoggerFactory.getLogger(FlexTokenCache.class);

	private final FlexTokenCheck check;

	private final FlexTokens tokens;

	private final Clock clock;

	private final Duration refusedMemory;

	private final Cache<String, Answer> answers;

	FlexTokenCache(FlexTokenCheck check, FlexTokens tokens, Clock clock, int capacity, Duration refusedMemory) {
		this.check = check;
		this.tokens = tokens;
		this.clock = clock;
		this.refusedMemory = refusedMemory;
		this.answers = Caffeine.newBuilder()
			.maximumSize(capacity)
			.expireAfter(Expiry.creating((String key, Answer answer) -> answer.lifetime()))
			.ticker(ticker(clock))
			// upkeep on the caller's thread: the caches
			// are small, and tests see it at once
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Whether the token is remembered as valid, without asking anyone.
	 * @param token the token
	 * @return {@code true} if Twilio said it is valid and it has not expired since
	 */
	boolean isKnownValid(String token) {
		Answer answer = this.answers.getIfPresent(digest(token));
		return answer != null && answer.valid();
	}

	/**
	 * Whether the token is valid now, asking Twilio unless the local check refuses it or
	 * an answer is remembered.
	 * @param token the token
	 * @return {@code true} if valid
	 * @throws FlexTokensUnavailable when Twilio could not be asked
	 */
	boolean isValid(String token) {
		String key = digest(token);
		Answer known = this.answers.getIfPresent(key);
		if (known != null) {
			return known.valid();
		}
		Instant now = this.clock.instant();
		Optional<String> refusal = this.check.refusal(token, now);
		if (refusal.isPresent()) {
			// not remembered: checking again costs less than the room it would take
			logger.debug("A Flex token was refused without asking Twilio: {}", refusal.get());
			return false;
		}
		Optional<Instant> expiration = this.tokens.validUntil(token).filter((until) -> until.isAfter(now));
		this.answers.put(key, expiration.map((until) -> new Answer(true, Duration.between(now, until)))
			.orElseGet(() -> new Answer(false, this.refusedMemory)));
		return expiration.isPresent();
	}

	long size() {
		return this.answers.estimatedSize();
	}

	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	private static String digest(String token) {
		return Sha256.hexOf(token);
	}

	/**
	 * Twilio's answer about a token.
	 *
	 * @param valid whether the token is valid
	 * @param lifetime how long the answer holds
	 */
	private record Answer(boolean valid, Duration lifetime) {
	}

}
