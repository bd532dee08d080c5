package com.outboundsms.worker.emulator;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mints Twilio SIDs: a two-letter prefix and 32 lowercase hex digits.
 */
final class Sids {

	private static final Pattern SHAPE = Pattern.compile("^[A-Z]{2}[0-9a-f]{32}$");

	private Sids() {
	}

	static String next(String prefix) {
		if (prefix.length() != 2) {
			throw new IllegalArgumentException("A SID prefix has two letters, got " + prefix);
		}
		return prefix + UUID.randomUUID().toString().replace("-", "");
	}

	static boolean isSid(String prefix, String value) {
		return value.startsWith(prefix) && SHAPE.matcher(value).matches();
	}

}
