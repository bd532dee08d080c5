package com.outboundsms.worker.schedule;

import java.time.ZoneId;
import java.util.Optional;

import com.outboundsms.worker.processing.Lane;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the send windows: each lane's daily window in the customer's time, and the
 * zone of customers whose number tells none. Read at start, so that a window that does
 * not parse stops the worker.
 *
 * @param bulk the bulk lane's window, such as {@code 08:00-21:00}; empty for none
 * @param interactive the interactive lane's window; none unless set (a person waits for
 * those requests)
 * @param defaultZone the zone of a customer whose number maps to none
 */
@ConfigurationProperties("outbound-sms.send-window")
@Validated
record SendWindowProperties(@DefaultValue("08:00-21:00") @Nullable String bulk, @Nullable String interactive,
		@DefaultValue("America/New_York") ZoneId defaultZone) {

	SendWindowProperties {
		// fail at start, naming the setting, not at the first request
		window("outbound-sms.send-window.bulk", bulk);
		window("outbound-sms.send-window.interactive", interactive);
	}

	/**
	 * A lane's window.
	 * @param lane the lane
	 * @return its window, or empty when it may send at any time
	 */
	Optional<DailyWindow> window(Lane lane) {
		return (lane == Lane.BULK) ? window("outbound-sms.send-window.bulk", this.bulk)
				: window("outbound-sms.send-window.interactive", this.interactive);
	}

	private static Optional<DailyWindow> window(String setting, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(DailyWindow.parse(text));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(setting + ": " + ex.getMessage(), ex);
		}
	}

}
