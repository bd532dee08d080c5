package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Formats and parses timestamps the way Twilio writes them:
 * {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC.
 */
final class TwilioTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private TwilioTime() {
	}

	static @Nullable String format(@Nullable Instant instant) {
		return (instant != null) ? FORMAT.format(instant) : null;
	}

	static Instant seconds(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Parses an ISO-8601 date-time; twilio-java sends {@code DateExpiry} without an
	 * offset, which Twilio reads as UTC.
	 */
	static Instant parse(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex2) {
				throw TwilioApiException.invalidParameter("DateExpiry", value);
			}
		}
	}

}
