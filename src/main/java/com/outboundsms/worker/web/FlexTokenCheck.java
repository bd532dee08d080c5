package com.outboundsms.worker.web;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, without asking Twilio, a Flex token that cannot be valid: one that is not a
 * JSON Web Token in compact form, or whose readable claims say it expired or was issued
 * for another account. A signed token (three parts) has readable claims; an encrypted one
 * (five parts, as Twilio issues Flex user tokens) shows only its header, so only its
 * shape is checked. The signature is Twilio's to check.
 */
final class FlexTokenCheck {

	/** Far above any token Twilio issues; a longer one is not decoded at all. */
	static final int MAX_LENGTH = 8192;

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

	private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

	private final String accountSid;

	private final JsonMapper json;

	FlexTokenCheck(String accountSid, JsonMapper json) {
		this.accountSid = accountSid;
		this.json = json;
	}

	/**
	 * Why the token cannot be valid now.
	 * @param token the token as sent
	 * @param now the time now
	 * @return the reason, for a log line (it never quotes the token); empty when only
	 * Twilio can tell
	 */
	Optional<String> refusal(String token, Instant now) {
		if (token.length() > MAX_LENGTH) {
			return Optional.of("longer than " + MAX_LENGTH + " characters");
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3 && parts.length != 5) {
			return Optional.of("not a JSON Web Token in compact form");
		}
		for (String part : parts) {
			if (!BASE64URL.matcher(part).matches()) {
				return Optional.of("not base64url");
			}
		}
		JsonNode header = object(parts[0]);
		if (header == null || !header.path("alg").isString()
				|| header.path("alg").asString().equalsIgnoreCase("none")) {
			return Optional.of("no header with a signing or encryption algorithm");
		}
		return (parts.length == 5) ? encrypted(header, parts) : signed(parts, now);
	}

	private static Optional<String> encrypted(JsonNode header, String[] parts) {
		// the encrypted key is empty for direct encryption; the rest never is
		if (!header.path("enc").isString() || parts[2].isEmpty() || parts[3].isEmpty() || parts[4].isEmpty()) {
			return Optional.of("an incomplete encrypted token");
		}
		return Optional.empty();
	}

	private Optional<String> signed(String[] parts, Instant now) {
		JsonNode claims = object(parts[1]);
		if (claims == null || parts[2].isEmpty()) {
			return Optional.of("no claims or no signature");
		}
		JsonNode expiration = claims.path("exp");
		if (!expiration.isMissingNode() && !expiration.isNumber()) {
			return Optional.of("an expiration that is not a number");
		}
		if (expiration.isNumber() && expiration.asLong() <= now.getEpochSecond()) {
			return Optional.of("expired");
		}
		// Twilio's tokens name the account as their subject
		JsonNode subject = claims.path("sub");
		if (subject.isString() && ACCOUNT_SID.matcher(subject.asString()).matches()
				&& !subject.asString().equals(this.accountSid)) {
			return Optional.of("issued for another account");
		}
		return Optional.empty();
	}

	private @Nullable JsonNode object(String part) {
		if (part.isEmpty()) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(Base64.getUrlDecoder().decode(part));
			return (node != null && node.isObject()) ? node : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

}
