package com.outboundsms.worker.emulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a Proxy Session create.
 *
 * @param uniqueName the unique name within the service
 * @param mode the mode, {@code null} for {@code voice-and-message}
 * @param ttl seconds, {@code null} for 0
 * @param dateExpiry an ISO-8601 expiry (overrides ttl)
 * @param status the initial status, {@code null} for {@code open}
 * @param participants the participants to add at once
 */
record NewProxySession(@Nullable String uniqueName, @Nullable String mode, @Nullable Integer ttl,
		@Nullable String dateExpiry, @Nullable String status, List<ParticipantSpec> participants) {

}
