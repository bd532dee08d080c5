package com.outboundsms.worker.web;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import com.outboundsms.worker.processing.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a call carries credentials the door accepts: one of the static API
 * tokens as {@code Authorization: Bearer …} (compared in constant time), or a Flex user
 * token that Twilio says is valid, from the {@code X-Flex-Token} header or the body's
 * {@code Token} field as Flex's Function callers send it. A client refused too often is
 * held off before its credentials cost anything; valid credentials are never held off.
 * Tokens are never logged.
 */
class Authenticator {

	private static final String BEARER = "Bearer ";

	private final List<byte[]> apiTokenDigests;

	private final @Nullable FlexTokenCache flexTokens;

	private final ClientRefusals refusals;

	Authenticator(List<String> apiTokens, @Nullable FlexTokenCache flexTokens, ClientRefusals refusals) {
		this.apiTokenDigests = apiTokens.stream().map(Sha256::of).toList();
		this.flexTokens = flexTokens;
		this.refusals = refusals;
	}

	/**
	 * Whether the call is let in.
	 * @param client the client's address
	 * @param authorization the {@code Authorization} header, if any
	 * @param flexToken the Flex user token from a header or the body, if any
	 * @return admitted, refused, or held off for a while
	 * @throws FlexTokensUnavailable when a Flex token could not be checked
	 */
	Admission admit(String client, @Nullable String authorization, @Nullable String flexToken) {
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& isApiToken(authorization.substring(BEARER.length()).trim())) {
			return Admission.ADMITTED;
		}
		FlexTokenCache cache = (flexToken != null && !flexToken.isBlank()) ? this.flexTokens : null;
		if (cache != null && cache.isKnownValid(flexToken)) {
			return Admission.ADMITTED;
		}
		Optional<Admission> heldOff = this.refusals.heldOff(client).map(Admission.HeldOff::new);
		if (heldOff.isPresent()) {
			return heldOff.get();
		}
		try {
			if (cache != null && cache.isValid(flexToken)) {
				return Admission.ADMITTED;
			}
		}
		catch (FlexTokensUnavailable ex) {
			// a flood of tokens Twilio is slow to refuse must count as well
			this.refusals.refused(client);
			throw ex;
		}
		this.refusals.refused(client);
		return Admission.REFUSED;
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
		byte[] digest = Sha256.of(candidate);
		boolean match = false;
		for (byte[] known : this.apiTokenDigests) {
			match |= MessageDigest.isEqual(known, digest);
		}
		return match;
	}

}
