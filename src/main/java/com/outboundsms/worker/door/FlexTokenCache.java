package com.outboundsms.worker.door;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers valid Flex user tokens until they expire, so an agent's requests ask Twilio
 * once per token. Tokens are held by their SHA-256 digest, never as they are; invalid
 * tokens are not remembered. Bounded: when full, expired entries go, and if that is not
 * enough, all of them.
 */
class FlexTokenCache {

	private final FlexTokens tokens;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Instant> valid = new ConcurrentHashMap<>();

	FlexTokenCache(FlexTokens tokens, Clock clock, int capacity) {
		this.tokens = tokens;
		this.clock = clock;
		this.capacity = capacity;
	}

	/**
	 * Whether the token is valid now, asking Twilio unless a still-valid answer is held.
	 * @param token the token
	 * @return {@code true} if valid
	 * @throws FlexTokensUnavailable when Twilio could not be asked
	 */
	boolean isValid(String token) {
		String key = digest(token);
		Instant now = this.clock.instant();
		Instant until = this.valid.get(key);
		if (until != null && until.isAfter(now)) {
			return true;
		}
		this.valid.remove(key);
		return this.tokens.validUntil(token).filter((expiration) -> expiration.isAfter(now)).map((expiration) -> {
			remember(key, expiration, now);
			return true;
		}).orElse(false);
	}

	int size() {
		return this.valid.size();
	}

	private void remember(String key, Instant expiration, Instant now) {
		if (this.valid.size() >= this.capacity) {
			this.valid.values().removeIf((until) -> !until.isAfter(now));
			if (this.valid.size() >= this.capacity) {
				this.valid.clear();
			}
		}
		this.valid.put(key, expiration);
	}

	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
