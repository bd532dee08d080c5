package com.outboundsms.worker.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The username and password of an HTTP Basic {@code Authorization} header.
 *
 * @param username the account or API key SID
 * @param password the auth token or API key secret
 */
record BasicCredentials(String username, String password) {

	static @Nullable BasicCredentials parse(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon < 0) ? null : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
