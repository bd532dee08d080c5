package com.outboundsms.worker.inbound;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Parses, validates and normalizes phone numbers to E.164 with libphonenumber.
 */
class PhoneNumbers {

	private static final int MAX_INPUT = 64;

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	PhoneNumbers(String defaultRegion) {
		this.defaultRegion = defaultRegion;
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
