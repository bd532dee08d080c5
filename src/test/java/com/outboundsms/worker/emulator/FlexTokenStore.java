package com.outboundsms.worker.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Flex user tokens the emulator knows. Guarded by the state lock.
 *
 * <p>
 * Each is a signed JSON Web Token, as a Twilio access token is: its account as subject,
 * when it was issued and when it expires, and nothing that names the agent. The signing
 * key is the emulator's own, so no one else can make a token it knows.
 */
final class FlexTokenStore {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final Map<String, FlexToken> tokens = new HashMap<>();

	private final byte[] signingKey = new byte[32];

	FlexTokenStore() {
		new SecureRandom().nextBytes(this.signingKey);
	}

	FlexToken issue(String accountSid, String identity, Instant issuedAt, Instant expiration) {
		ObjectNode header = Json.object().put("alg", "HS256").put("typ", "JWT");
		ObjectNode claims = Json.object()
			.put("jti", UUID.randomUUID().toString())
			.put("sub", accountSid)
			.put("iat", issuedAt.getEpochSecond())
			.put("exp", expiration.getEpochSecond());
		String signed = part(Json.write(header)) + "." + part(Json.write(claims));
		String token = signed + "." + BASE64URL.encodeToString(sign(signed));
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

	private byte[] sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.signingKey, "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", ex);
		}
	}

	private static String part(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
