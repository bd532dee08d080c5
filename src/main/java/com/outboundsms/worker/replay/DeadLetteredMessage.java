package com.outboundsms.worker.replay;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the replay needs to know of a message in the dead-letter queue, read from its
 * headers: the worker's {@code x-error-code} and {@code x-last-attempt-at}, else the
 * broker's {@code x-death}, else the AMQP timestamp.
 *
 * @param errorCode the worker's error code, {@code broker:<reason>} when the broker
 * dead-lettered the message by itself, or {@code unknown}
 * @param requestId the request id ({@code x-request-id}, else the message id), or
 * {@code -}
 * @param deadLetteredAt when the message was last attempted or dead-lettered, or
 * {@code null} when unknown
 */
record DeadLetteredMessage(String errorCode, String requestId, @Nullable Instant deadLetteredAt) {

	static final String UNKNOWN = "unknown";

	static final String BROKER_PREFIX = "broker:";

	/**
	 * Reads a message's headers and properties.
	 * @param headers the headers, possibly {@code null}
	 * @param messageId the message id, possibly {@code null}
	 * @param timestamp the AMQP timestamp, possibly {@code null}
	 * @return what the headers say
	 */
	static DeadLetteredMessage of(@Nullable Map<String, @Nullable Object> headers, @Nullable String messageId,
			@Nullable Date timestamp) {
		Map<String, @Nullable Object> present = (headers != null) ? headers : Map.of();
		return new DeadLetteredMessage(errorCode(present), requestId(present, messageId),
				deadLetteredAt(present, timestamp).orElse(null));
	}

	private static String errorCode(Map<String, @Nullable Object> headers) {
		Object code = headers.get("x-error-code");
		if (code != null) {
			return code.toString();
		}
		return lastDeath(headers).map((death) -> death.get("reason"))
			.filter(Objects::nonNull)
			.map((reason) -> BROKER_PREFIX + reason)
			.orElse(UNKNOWN);
	}

	private static String requestId(Map<String, @Nullable Object> headers, @Nullable String messageId) {
		Object requestId = headers.get("x-request-id");
		if (requestId != null) {
			return requestId.toString();
		}
		return (messageId != null) ? messageId : "-";
	}

	private static Optional<Instant> deadLetteredAt(Map<String, @Nullable Object> headers, @Nullable Date timestamp) {
		Optional<Instant> lastAttempt = parse(headers.get("x-last-attempt-at"));
		if (lastAttempt.isPresent()) {
			return lastAttempt;
		}
		Optional<Instant> death = lastDeath(headers).map((entry) -> entry.get("time"))
			.filter(Date.class::isInstance)
			.map((time) -> ((Date) time).toInstant());
		if (death.isPresent()) {
			return death;
		}
		return Optional.ofNullable(timestamp).map(Date::toInstant);
	}

	private static Optional<Instant> parse(@Nullable Object value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(value.toString()));
		}
		catch (DateTimeException ex) {
			// a header someone else wrote: fall back to the broker's word
			return Optional.empty();
		}
	}

	/**
	 * The most recent {@code x-death} entry: the broker puts it first.
	 */
	@SuppressWarnings("unchecked")
	private static Optional<Map<String, @Nullable Object>> lastDeath(Map<String, @Nullable Object> headers) {
		Object deaths = headers.get("x-death");
		if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
			return Optional.of((Map<String, @Nullable Object>) first);
		}
		return Optional.empty();
	}

}
