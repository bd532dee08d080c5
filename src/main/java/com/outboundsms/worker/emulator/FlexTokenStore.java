package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The Flex user tokens the emulator knows. Guarded by the state lock.
 */
final class FlexTokenStore {

	private final Map<String, FlexToken> tokens = new HashMap<>();

	FlexToken issue(String identity, Instant expiration) {
		// opaque, like Flex's JWE tokens: nothing a caller could read an identity from
		String token = "emulator-flex-token." + UUID.randomUUID() + UUID.randomUUID();
		FlexToken issued = new FlexToken(token, identity, "US" + UUID.randomUUID().toString().replace("-", ""),
				expiration);
		this.tokens.put(token, issued);
		return issued;
	}

	@Nullable FlexToken find(String token) {
		return this.tokens.get(token);
	}

	void clear() {
		this.tokens.clear();
	}

}
