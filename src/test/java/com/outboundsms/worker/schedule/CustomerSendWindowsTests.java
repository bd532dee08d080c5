package com.outboundsms.worker.schedule;

import java.time.Instant;
import java.time.ZoneId;

import com.outboundsms.worker.processing.Lane;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lanes' windows in the zones libphonenumber gives a customer's number.
 */
class CustomerSendWindowsTests {

	private final CustomerSendWindows windows = new CustomerSendWindows(
			new SendWindowProperties("08:00-21:00", null, ZoneId.of("America/New_York")));

	@Test
	void holdsABulkRequestToASanFranciscoNumberAt23hLocalUntil8hLocal() {
		// 23:00 in San Francisco (PST, UTC-8)
		Instant lateEvening = Instant.parse("2026-12-08T07:00:00Z");

		assertThat(this.windows.opensAt(Lane.BULK, "+14155552671", lateEvening))
			.isEqualTo(Instant.parse("2026-12-08T16:00:00Z"));
	}

	@Test
	void theInteractiveLaneHasNoWindowByDefault() {
		Instant lateEvening = Instant.parse("2026-12-08T07:00:00Z");

		assertThat(this.windows.opensAt(Lane.INTERACTIVE, "+14155552671", lateEvening)).isEqualTo(lateEvening);
	}

	@Test
	void aNumberOfSeveralZonesWaitsForAllOfThem() {
		// an Alaska number maps to Adak and Anchorage: 07:30 in Anchorage
		Instant morning = Instant.parse("2026-12-07T16:30:00Z");

		assertThat(new CustomerZones(ZoneId.of("UTC")).of("+19075551234"))
			.containsExactlyInAnyOrder(ZoneId.of("America/Adak"), ZoneId.of("America/Anchorage"));
		assertThat(this.windows.opensAt(Lane.BULK, "+19075551234", morning))
			.isEqualTo(Instant.parse("2026-12-07T18:00:00Z"));
	}

	@Test
	void aRussianMobileWaitsUntilTheWindowHoldsFromKaliningradToKamchatka() {
		// a Russian mobile maps to every zone from UTC+2 to UTC+12: 13 hours of window
		// leave
		// 08:00 to 11:00 in Bucharest (UTC+2), 18:00 to 21:00 in Kamchatka
		Instant from = Instant.parse("2026-12-07T12:00:00Z");

		assertThat(new CustomerZones(ZoneId.of("UTC")).of("+79161234567")).hasSizeGreaterThan(5);
		assertThat(this.windows.opensAt(Lane.BULK, "+79161234567", from))
			.isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
	}

	@Test
	void aNumberOfNoKnownZoneIsInTheDefaultZone() {
		// the default zone for a number libphonenumber places nowhere (Etc/Unknown)
		CustomerZones zones = new CustomerZones(ZoneId.of("Europe/Paris"));

		assertThat(zones.of("+882345678901")).containsExactly(ZoneId.of("Europe/Paris"));
		assertThat(zones.of("not a number")).containsExactly(ZoneId.of("Europe/Paris"));
	}

	@Test
	void anEmptyWindowIsNoWindowAndABadOneStopsTheWorker() {
		CustomerSendWindows none = new CustomerSendWindows(
				new SendWindowProperties("", "", ZoneId.of("America/New_York")));
		Instant lateEvening = Instant.parse("2026-12-08T07:00:00Z");

		assertThat(none.opensAt(Lane.BULK, "+14155552671", lateEvening)).isEqualTo(lateEvening);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendWindowProperties("8am-9pm", null, ZoneId.of("America/New_York")))
			.withMessageContaining("outbound-sms.send-window.bulk");
	}

}
