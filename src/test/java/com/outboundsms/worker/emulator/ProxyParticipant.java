package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A participant of a Proxy session.
 *
 * @param sid the KP SID
 * @param sessionSid the KC SID
 * @param serviceSid the KS SID
 * @param identifier its address (phone number or chat channel SID)
 * @param proxyIdentifier the proxy number
 * @param friendlyName its display name
 * @param created when it joined
 */
public record ProxyParticipant(String sid, String sessionSid, String serviceSid, String identifier,
		@Nullable String proxyIdentifier, @Nullable String friendlyName, Instant created) {
}
