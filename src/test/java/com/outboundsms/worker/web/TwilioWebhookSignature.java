package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as Twilio does ({@code X-Twilio-Signature}): HMAC-SHA1 with the
 * account's auth token over the URL followed by every form parameter's name and value,
 * sorted by name, in Base64. Written out here so that the worker's check is held to the
 * algorithm, not to itself.
 */
final class TwilioWebhookSignature {

	private TwilioWebhookSignature() {
	}

	static String of(String authToken, String url, Map<String, String> parameters) {
		StringBuilder signed = new StringBuilder(url);
		new TreeMap<>(parameters).forEach((name, value) -> signed.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
