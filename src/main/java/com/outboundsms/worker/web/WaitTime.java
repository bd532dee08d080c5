package com.outboundsms.worker.web;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the {@code wait} query parameter: {@code 10s}, {@code 1500ms}, {@code 10}
 * (seconds) or ISO-8601 ({@code PT10S}), from zero up to the configured most.
 */
final class WaitTime {

	/** The longest amount written in the simple form, as the door has always read it. */
	private static final int MAX_DIGITS = 6;

	private WaitTime() {
	}

	/**
	 * The wait asked for.
	 * @param raw the parameter, {@code null} when absent
	 * @param max the longest wait allowed
	 * @return the wait (empty: answer at once)
	 * @throws IllegalArgumentException with the reason when the value is not a wait
	 */
	static Optional<Duration> parse(@Nullable String raw, Duration max) {
		if (raw == null || raw.isEmpty()) {
			return Optional.empty();
		}
		Duration wait = read(raw.trim());
		if (wait.isNegative() || wait.compareTo(max) > 0) {
			throw new IllegalArgumentException("must be between 0s and " + max.toSeconds() + "s");
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	private static Duration read(String raw) {
		try {
			if (DurationStyle.detect(raw) == DurationStyle.ISO8601) {
				return DurationStyle.ISO8601.parse(raw);
			}
			if (isSecondsOrMilliseconds(raw)) {
				return DurationStyle.SIMPLE.parse(raw, ChronoUnit.SECONDS);
			}
		}
		catch (IllegalArgumentException ex) {
			// not a duration at all: answered below, in the caller's words
		}
		throw new IllegalArgumentException("must be a duration such as 10s, 1500ms or PT10S");
	}

	/**
	 * Whether a simple duration is written as the door documents it: digits, then
	 * {@code ms}, {@code s} or nothing. {@link DurationStyle} alone would also take a
	 * sign, other units and any case, which the door has never accepted.
	 */
	private static boolean isSecondsOrMilliseconds(String raw) {
		String amount = raw.endsWith("ms") ? raw.substring(0, raw.length() - 2)
				: raw.endsWith("s") ? raw.substring(0, raw.length() - 1) : raw;
		return !amount.isEmpty() && amount.length() <= MAX_DIGITS
				&& amount.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

}
