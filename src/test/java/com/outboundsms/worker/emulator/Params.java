package com.outboundsms.worker.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable multimap of query or form parameters, as decoded from
 * {@code application/x-www-form-urlencoded} text (repeated keys are kept in order).
 *
 * @param values the values of each name, in arrival order
 */
public record Params(Map<String, List<String>> values) {

	static final Params EMPTY = new Params(Map.of());

	public Params {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
		values = Collections.unmodifiableMap(copy);
	}

	static Params parse(@Nullable String encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return EMPTY;
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return new Params(values);
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the first value of a parameter, or {@code null} when it was not sent.
	 */
	public @Nullable String first(String name) {
		List<String> list = this.values.get(name);
		return (list == null || list.isEmpty()) ? null : list.get(0);
	}

	public List<String> all(String name) {
		return this.values.getOrDefault(name, List.of());
	}

	String required(String name) {
		String value = first(name);
		if (value == null || value.isEmpty()) {
			throw TwilioApiException.missingParameter(name);
		}
		return value;
	}

	@Nullable Boolean bool(String name) {
		String value = first(name);
		if (value == null) {
			return null;
		}
		if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
			throw TwilioApiException.invalidParameter(name, value);
		}
		return Boolean.parseBoolean(value);
	}

	@Nullable Integer integer(String name) {
		String value = first(name);
		if (value == null) {
			return null;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw TwilioApiException.invalidParameter(name, value);
		}
	}

	int requiredInteger(String name) {
		Integer value = integer(name);
		if (value == null) {
			throw TwilioApiException.missingParameter(name);
		}
		return value;
	}

	/**
	 * A required decimal number.
	 */
	double requiredDouble(String name) {
		String value = required(name);
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw TwilioApiException.invalidParameter(name, value);
		}
	}

}
