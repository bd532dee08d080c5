package com.outboundsms.worker.door;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code wait} query parameter: {@code 10s}, {@code 1500ms}, {@code 10}
 * (seconds) or ISO-8601 ({@code PT10S}), from zero up to the configured most.
 */
final class WaitTime {

	private static final Pattern SIMPLE = Pattern.compile("(\\d{1,6})(ms|s)?");

	private WaitTime() {
	}

	/**
	 * The wait asked for.
	 * @param raw the parameter, {@code null} when absent
	 * @param max the longest wait allowed
	 * @return the wait (empty: answer at once)
	 * @throws IllegalArgumentException with the reason when the value is not a wait
	 */
	static Optional<Duration> parse(String raw, Duration max) {
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
		Matcher simple = SIMPLE.matcher(raw);
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			return "ms".equals(simple.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
		}
		try {
			return Duration.parse(raw);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("must be a duration such as 10s, 1500ms or PT10S");
		}
	}

}
