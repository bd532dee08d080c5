package com.outboundsms.worker.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A window of local time each day, such as {@code 08:00-21:00} (from the opening,
 * included, to the closing, excluded; one that closes before it opens spans midnight),
 * and when it holds for a customer who may be in several time zones.
 *
 * @param opens when it opens, local time
 * @param closes when it closes, local time
 */
record DailyWindow(LocalTime opens, LocalTime closes) {

	// a window opens daily: a week of openings covers every day of the week, and a DST
	// change near one
	private static final int DAYS_AHEAD = 7;

	DailyWindow {
		Objects.requireNonNull(opens, "opens");
		Objects.requireNonNull(closes, "closes");
		if (opens.equals(closes)) {
			throw new IllegalArgumentException("a send window must not open and close at the same time, was " + opens);
		}
	}

	/**
	 * Reads a window.
	 * @param text {@code HH:mm-HH:mm}, such as {@code 08:00-21:00}
	 * @return the window
	 * @throws IllegalArgumentException if the text is not a window
	 */
	static DailyWindow parse(String text) {
		String[] times = text.trim().split("-", -1);
		if (times.length != 2) {
			throw new IllegalArgumentException("a send window is HH:mm-HH:mm, such as 08:00-21:00, was '" + text + "'");
		}
		try {
			return new DailyWindow(LocalTime.parse(times[0].trim()), LocalTime.parse(times[1].trim()));
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("a send window is HH:mm-HH:mm, such as 08:00-21:00, was '" + text + "'",
					ex);
		}
	}

	/**
	 * Whether the window is open at a local time.
	 * @param time the local time
	 * @return {@code true} from the opening, included, to the closing, excluded
	 */
	boolean contains(LocalTime time) {
		if (this.opens.isBefore(this.closes)) {
			return !time.isBefore(this.opens) && time.isBefore(this.closes);
		}
		return !time.isBefore(this.opens) || time.isBefore(this.closes);
	}

	/**
	 * The earliest instant, at or after {@code from}, at which the window is open in all
	 * the zones; if it is never open in all of them at once (zones further apart than the
	 * window is long), the earliest at which it is open in the most of them, so that a
	 * customer is never sent to where it is sure to be night everywhere.
	 * @param from the earliest instant of interest
	 * @param zones the customer's zones, at least one
	 * @return that instant
	 */
	Instant opensAt(Instant from, List<ZoneId> zones) {
		if (openIn(from, zones) == zones.size()) {
			return from;
		}
		// the number of zones open only rises at an opening: the earliest best
		// instant is one of them
		List<Instant> openings = new ArrayList<>();
		for (ZoneId zone : zones) {
			LocalDate today = from.atZone(zone).toLocalDate();
			for (int day = -1; day <= DAYS_AHEAD; day++) {
				Instant opening = openingOn(today.plusDays(day), zone);
				if (opening.isAfter(from)) {
					openings.add(opening);
				}
			}
		}
		openings.sort(null);
		Instant best = from;
		int most = openIn(from, zones);
		for (Instant opening : openings) {
			int open = openIn(opening, zones);
			if (open > most) {
				best = opening;
				most = open;
				if (most == zones.size()) {
					break;
				}
			}
		}
		return best;
	}

	private int openIn(Instant instant, List<ZoneId> zones) {
		int open = 0;
		for (ZoneId zone : zones) {
			if (contains(instant.atZone(zone).toLocalTime())) {
				open++;
			}
		}
		return open;
	}

	/**
	 * When the window opens on a day in a zone: the first instant the zone's clocks show
	 * the opening time, or, when they skip it (a DST gap), the instant they skip from.
	 */
	private Instant openingOn(LocalDate day, ZoneId zone) {
		LocalDateTime opening = day.atTime(this.opens);
		ZoneOffsetTransition transition = zone.getRules().getTransition(opening);
		if (transition != null && transition.isGap()) {
			return transition.getInstant();
		}
		// in an overlap, the earlier of the two instants
		return opening.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
	}

	@Override
	public String toString() {
		return this.opens + "-" + this.closes;
	}

}
