package com.outboundsms.worker.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.WireTime;
import org.jspecify.annotations.Nullable;

/**
 * The headers a dead-lettered request goes back with: the worker's and the broker's
 * dead-letter headers removed, {@code x-request-id} and every other header kept, and
 * {@code x-replayed-at} added.
 */
final class ReplayedHeaders {

	static final String REPLAYED_AT = "x-replayed-at";

	private static final String DELIVERY_COUNT = "x-delivery-count";

	private static final Set<String> REMOVED = Set.of("x-attempts", "x-first-attempt-at", "x-last-attempt-at",
			"x-last-error", "x-lane", "x-death", DELIVERY_COUNT);

	private static final Set<String> REMOVED_PREFIXES = Set.of("x-error-", "x-twilio-", "x-first-death-",
			"x-last-death-");

	private ReplayedHeaders() {
	}

	/**
	 * The headers of the replayed request.
	 * @param deadLettered the headers in the dead-letter queue, possibly {@code null}
	 * @param replayedAt when it is replayed
	 * @return new headers
	 */
	static Map<String, @Nullable Object> of(@Nullable Map<String, @Nullable Object> deadLettered, Instant replayedAt) {
		Map<String, @Nullable Object> headers = new HashMap<>();
		if (deadLettered != null) {
			deadLettered.forEach((name, value) -> {
				if (!removed(name)) {
					headers.put(name, value);
				}
			});
		}
		headers.put(REPLAYED_AT, WireTime.format(replayedAt));
		return headers;
	}

	/**
	 * The headers of a message put back in the dead-letter queue: all but the
	 * {@code x-delivery-count} the quorum queue adds to each delivery.
	 * @param delivered the headers as delivered, possibly {@code null}
	 * @return the headers to publish, {@code null} when there were none
	 */
	static @Nullable Map<String, @Nullable Object> withoutDeliveryCount(
			@Nullable Map<String, @Nullable Object> delivered) {
		if (delivered == null || !delivered.containsKey(DELIVERY_COUNT)) {
			return delivered;
		}
		Map<String, @Nullable Object> headers = new HashMap<>(delivered);
		headers.remove(DELIVERY_COUNT);
		return headers.isEmpty() ? null : headers;
	}

	static boolean removed(String name) {
		return REMOVED.contains(name) || REMOVED_PREFIXES.stream().anyMatch(name::startsWith);
	}

}
