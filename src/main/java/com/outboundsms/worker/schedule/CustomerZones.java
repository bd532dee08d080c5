package com.outboundsms.worker.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The time zones a customer may be in, from the number (libphonenumber's prefix data):
 * one for most fixed lines, several for a number that only tells its country (a mobile in
 * Russia or Australia, a toll-free one in North America), and the default zone when it
 * tells nothing.
 */
final class CustomerZones {

	// libphonenumber's answer when it knows no zone
	private static final String UNKNOWN = "Etc/Unknown";

	private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();

	private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

	private final ZoneId defaultZone;

	CustomerZones(ZoneId defaultZone) {
		this.defaultZone = defaultZone;
	}

	/**
	 * The zones of a number.
	 * @param e164 the number, E.164
	 * @return at least one zone
	 */
	List<ZoneId> of(String e164) {
		PhoneNumber number;
		try {
			number = this.numbers.parse(e164, null);
		}
		catch (NumberParseException ex) {
			return List.of(this.defaultZone);
		}
		List<ZoneId> zones = new ArrayList<>();
		for (String name : this.mapper.getTimeZonesForNumber(number)) {
			if (!UNKNOWN.equals(name)) {
				try {
					zones.add(ZoneId.of(name));
				}
				catch (DateTimeException ex) {
					// a zone this JDK does not know: the others still tell
				}
			}
		}
		return zones.isEmpty() ? List.of(this.defaultZone) : List.copyOf(zones);
	}

}
