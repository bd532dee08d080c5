package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Flex tokens in the shapes the door meets: signed tokens with the claims a test chooses,
 * and encrypted ones, whose claims nobody but Twilio can read.
 */
final class SampleTokens {

	static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

	static final String OTHER_ACCOUNT = "ACfedcba9876543210fedcba9876543210";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private SampleTokens() {
	}

	/** A signed token of the account, expiring then; each call makes a new one. */
	static String signed(String account, Instant expiration) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("sub", account);
		claims.put("exp", expiration.getEpochSecond());
		return signed(claims);
	}

	static String signed(Map<String, Object> claims) {
		return token(Map.of("alg", "HS256", "typ", "JWT"), claims, "c2lnbmF0dXJl");
	}

	static String token(Map<String, Object> header, Map<String, Object> claims, String signature) {
		return part(header) + "." + part(claims) + "." + signature;
	}

	/**
	 * An encrypted token in compact form: a readable header, the rest opaque; each call
	 * makes a new one.
	 */
	static String encrypted() {
		return part(Map.of("alg", "dir", "enc", "A256GCM", "kid", "SK" + "0".repeat(32))) + ".." + opaque(12) + "."
				+ opaque(180) + "." + opaque(16);
	}

	static String part(Map<String, Object> json) {
		return BASE64URL.encodeToString(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
	}

	private static String opaque(int bytes) {
		byte[] content = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(content);
		return BASE64URL.encodeToString(content);
	}

}
