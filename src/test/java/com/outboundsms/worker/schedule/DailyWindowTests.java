package com.outboundsms.worker.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The window arithmetic at fixed instants: one zone, several, zones too far apart for the
 * window to hold in all at once, and the days clocks change.
 */
class DailyWindowTests {

	private static final DailyWindow DAYTIME = DailyWindow.parse("08:00-21:00");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void readsAWindow() {
		assertThat(DailyWindow.parse(" 08:00 - 21:30 "))
			.isEqualTo(new DailyWindow(LocalTime.of(8, 0), LocalTime.of(21, 30)));
		assertThatIllegalArgumentException().isThrownBy(() -> DailyWindow.parse("8-21"))
			.withMessageContaining("HH:mm-HH:mm");
		assertThatIllegalArgumentException().isThrownBy(() -> DailyWindow.parse("08:00"))
			.withMessageContaining("HH:mm-HH:mm");
		assertThatIllegalArgumentException().isThrownBy(() -> DailyWindow.parse("08:00-08:00"));
	}

	@Test
	void opensFromTheOpeningIncludedToTheClosingExcluded() {
		assertThat(DAYTIME.contains(LocalTime.of(7, 59, 59))).isFalse();
		assertThat(DAYTIME.contains(LocalTime.of(8, 0))).isTrue();
		assertThat(DAYTIME.contains(LocalTime.of(20, 59, 59))).isTrue();
		assertThat(DAYTIME.contains(LocalTime.of(21, 0))).isFalse();
	}

	@Test
	void aWindowThatClosesBeforeItOpensSpansMidnight() {
		DailyWindow night = DailyWindow.parse("22:00-06:00");

		assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
		assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
		assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
		assertThat(night.opensAt(Instant.parse("2026-12-07T17:00:00Z"), List.of(NEW_YORK)))
			.isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
	}

	@Test
	void anOpenWindowSendsNow() {
		Instant noonInNewYork = Instant.parse("2026-12-07T17:00:00Z");

		assertThat(DAYTIME.opensAt(noonInNewYork, List.of(NEW_YORK))).isEqualTo(noonInNewYork);
	}

	@Test
	void holdsAt23hLocalUntil8hLocalTheNextDay() {
		// 23:00 in New York (EST, UTC-5) on 7 December
		Instant lateEvening = Instant.parse("2026-12-08T04:00:00Z");

		assertThat(DAYTIME.opensAt(lateEvening, List.of(NEW_YORK))).isEqualTo(Instant.parse("2026-12-08T13:00:00Z"));
	}

	@Test
	void holdsEarlyMorningUntil8hTheSameDay() {
		Instant early = Instant.parse("2026-12-07T10:00:00Z");

		assertThat(DAYTIME.opensAt(early, List.of(NEW_YORK))).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
	}

	@Test
	void holdsUntilTheWindowIsOpenInEveryZone() {
		// Alaska: Adak (UTC-10) and Anchorage (UTC-9); 07:30 in Anchorage, 06:30 in Adak
		List<ZoneId> alaska = List.of(ZoneId.of("America/Adak"), ZoneId.of("America/Anchorage"));
		Instant morning = Instant.parse("2026-12-07T16:30:00Z");

		// 08:00 in Adak, when Anchorage is at 09:00
		assertThat(DAYTIME.opensAt(morning, alaska)).isEqualTo(Instant.parse("2026-12-07T18:00:00Z"));
	}

	@Test
	void holdsAcrossACountrysZonesUntilTheWindowHoldsInAll() {
		// an Australian mobile: Perth (UTC+8) to Lord Howe (UTC+11 in summer); 20:30 in
		// Perth is 23:30 in Sydney
		List<ZoneId> australia = List.of(ZoneId.of("Australia/Perth"), ZoneId.of("Australia/Adelaide"),
				ZoneId.of("Australia/Sydney"), ZoneId.of("Australia/Lord_Howe"));
		Instant perthEvening = Instant.parse("2026-12-07T12:30:00Z");

		Instant opens = DAYTIME.opensAt(perthEvening, australia);

		// 08:00 in Perth the next day (Lord Howe is at 11:00 by then)
		assertThat(opens).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
		for (ZoneId zone : australia) {
			assertThat(DAYTIME.contains(opens.atZone(zone).toLocalTime())).as(zone.getId()).isTrue();
		}
	}

	@Test
	void whenTheWindowNeverHoldsInAllZonesChoosesTheEarliestInstantItHoldsInTheMost() {
		// London (UTC+0), Shanghai (UTC+8) and Los Angeles (UTC-8): 8 hours apart each
		// way
		// round, so that any two of them leave the third out of a 13-hour window
		List<ZoneId> farApart = List.of(ZoneId.of("Europe/London"), ZoneId.of("Asia/Shanghai"),
				ZoneId.of("America/Los_Angeles"));
		Instant from = Instant.parse("2026-12-07T05:00:00Z");

		Instant opens = DAYTIME.opensAt(from, farApart);

		// 08:00 in London is 16:00 in Shanghai: two of three open, the most there are
		assertThat(opens).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
		long open = farApart.stream().filter((zone) -> DAYTIME.contains(opens.atZone(zone).toLocalTime())).count();
		assertThat(open).isEqualTo(2);
	}

	@Test
	void opensAt8hLocalOnTheDayClocksGoForward() {
		// 23:00 EST on Saturday 7 March 2026; clocks go to EDT (UTC-4) at 02:00 on Sunday
		Instant saturdayNight = Instant.parse("2026-03-08T04:00:00Z");

		assertThat(DAYTIME.opensAt(saturdayNight, List.of(NEW_YORK))).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
	}

	@Test
	void opensAt8hLocalOnTheDayClocksGoBack() {
		// 23:00 EDT on Saturday 31 October 2026; clocks go back to EST (UTC-5) on Sunday
		Instant saturdayNight = Instant.parse("2026-11-01T03:00:00Z");

		assertThat(DAYTIME.opensAt(saturdayNight, List.of(NEW_YORK))).isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
	}

	@Test
	void anOpeningClocksSkipOpensWhenTheySkipIt() {
		// New York skips from 02:00 to 03:00 on 8 March 2026: a 02:30 opening comes at
		// 03:00 EDT
		DailyWindow early = DailyWindow.parse("02:30-21:00");
		Instant saturdayNight = Instant.parse("2026-03-08T04:00:00Z");

		assertThat(early.opensAt(saturdayNight, List.of(NEW_YORK))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
	}

}
