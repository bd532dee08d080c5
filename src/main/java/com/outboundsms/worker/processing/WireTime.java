package com.outboundsms.worker.processing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes instants as the contract does: UTC with exactly three fraction digits, such as
 * {@code 2026-11-23T10:15:30.123Z}.
 */
public final class WireTime {

	// ISO_INSTANT would drop the fraction on a whole second
	private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private WireTime() {
	}

	public static String format(Instant instant) {
		return MILLIS_UTC.format(instant);
	}

}
