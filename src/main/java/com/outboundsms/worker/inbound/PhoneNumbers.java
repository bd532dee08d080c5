package com.outboundsms.worker.inbound;

import java.util.Optional;
import java.util.function.Function;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.util.ConcurrentLruCache;

/**
 * Parses, validates and normalizes phone numbers to E.164 with libphonenumber,
 * remembering the verdicts on the numbers seen last.
 */
class PhoneNumbers {

	/**
	 * How many numbers' verdicts are kept: a worker's senders are few and come with every
	 * request, while validating a North American number makes libphonenumber try the
	 * patterns of each region sharing +1 (about 10 µs a number).
	 */
	static final int REMEMBERED = 1_024;

	private static final int MAX_INPUT = 64;

	private final ConcurrentLruCache<String, Optional<String>> verdicts;

	PhoneNumbers(String defaultRegion) {
		this(new Validation(defaultRegion));
	}

	PhoneNumbers(Function<String, Optional<String>> validation) {
		this.verdicts = new ConcurrentLruCache<>(REMEMBERED, validation);
	}

	/**
	 * The number in E.164, if it is a valid phone number.
	 * @param raw the number as written, with or without a {@code +} country code
	 * @return the E.164 form, empty if the number is not valid
	 */
	Optional<String> toE164(String raw) {
		if (raw.length() > MAX_INPUT) {
			return Optional.empty();
		}
		return this.verdicts.get(raw);
	}

	/**
	 * libphonenumber's verdict on one number.
	 */
	private static final class Validation implements Function<String, Optional<String>> {

		private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

		private final String defaultRegion;

		private Validation(String defaultRegion) {
			this.defaultRegion = defaultRegion;
		}

		@Override
		public Optional<String> apply(String raw) {
			try {
				PhoneNumber number = this.util.parse(raw, this.defaultRegion);
				if (!this.util.isValidNumber(number)) {
					return Optional.empty();
				}
				return Optional.of(this.util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
			}
			catch (NumberParseException ex) {
				return Optional.empty();
			}
		}

	}

}
