package com.outboundsms.worker.schedule;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.SendWindows;

/**
 * Each lane's send window in the customer's time: the window must be open in every zone
 * the number may be in (in the most of them, when it never is in all at once).
 */
class CustomerSendWindows implements SendWindows {

	private final Map<Lane, Optional<DailyWindow>> windows = new EnumMap<>(Lane.class);

	private final CustomerZones zones;

	CustomerSendWindows(SendWindowProperties properties) {
		for (Lane lane : Lane.values()) {
			this.windows.put(lane, properties.window(lane));
		}
		this.zones = new CustomerZones(properties.defaultZone());
	}

	@Override
	public Instant opensAt(Lane lane, String toNumber, Instant from) {
		Optional<DailyWindow> window = this.windows.get(lane);
		return window.isPresent() ? window.get().opensAt(from, this.zones.of(toNumber)) : from;
	}

}
