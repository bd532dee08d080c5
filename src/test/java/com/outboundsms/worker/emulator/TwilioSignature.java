package com.outboundsms.worker.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code X-Twilio-Signature} of a webhook Twilio posts: HMAC-SHA1, keyed
 * with the account's auth token, over the full URL followed by each POST parameter's name
 * and value in name order, Base64-encoded.
 */
final class TwilioSignature {

	private static final String ALGORITHM = "HmacSHA1";

	private TwilioSignature() {
	}

	static String of(String authToken, String url, Map<String, String> parameters) {
		StringBuilder signed = new StringBuilder(url);
		new TreeMap<>(parameters).forEach((name, value) -> signed.append(name).append(value));
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// every JDK ships HmacSHA1
			throw new IllegalStateException("Cannot compute " + ALGORITHM, ex);
		}
	}

}
