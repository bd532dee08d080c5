package com.outboundsms.worker.processing;

import org.jspecify.annotations.Nullable;

/**
 * Masks phone numbers for logs, keeping the country prefix and the last four digits.
 */
public final class PhoneMask {

	private PhoneMask() {
	}

	/**
	 * Masks the middle of a number: {@code +14155552671} becomes {@code +1415***2671}.
	 * @param number an E.164 number or any text
	 * @return the masked text; short values are masked entirely
	 */
	public static String mask(@Nullable String number) {
		if (number == null) {
			return "null";
		}
		if (number.length() < 9) {
			return "***";
		}
		return number.substring(0, 5) + "***" + number.substring(number.length() - 4);
	}

}
