package com.outboundsms.worker.door;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a call carries credentials the door accepts: one of the static API
 * tokens as {@code Authorization: Bearer …} (compared in constant time), or a Flex user
 * token that Twilio says is valid, from the {@code X-Flex-Token} header or the body's
 * {@code Token} field as Flex's Function callers send it. Tokens are never logged.
 */
class Callers {

	private static final String BEARER = "Bearer ";

	private final List<byte[]> apiTokenDigests;

	private final Optional<FlexTokenCache> flexTokens;

	Callers(List<String> apiTokens, Optional<FlexTokenCache> flexTokens) {
		this.apiTokenDigests = apiTokens.stream().map(Callers::digest).toList();
		this.flexTokens = flexTokens;
	}

	/**
	 * Whether the call is authenticated.
	 * @param authorization the {@code Authorization} header, if any
	 * @param flexToken the Flex user token from a header or the body, if any
	 * @return {@code true} if a credential is valid
	 * @throws FlexTokensUnavailable when a Flex token could not be checked
	 */
	boolean admits(String authorization, Optional<String> flexToken) {
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& isApiToken(authorization.substring(BEARER.length()).trim())) {
			return true;
		}
		return flexToken.filter((token) -> !token.isBlank())
			.flatMap((token) -> this.flexTokens.map((cache) -> cache.isValid(token)))
			.orElse(false);
	}

	/**
	 * Compares digests rather than the tokens, so that neither the time taken nor an
	 * early exit on length tells how much of a guess was right; every configured token is
	 * compared.
	 */
	private boolean isApiToken(String candidate) {
		if (candidate.isEmpty()) {
			return false;
		}
		byte[] digest = digest(candidate);
		boolean match = false;
		for (byte[] known : this.apiTokenDigests) {
			match |= MessageDigest.isEqual(known, digest);
		}
		return match;
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
