package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;

/**
 * A participant as requested in a Session create: who joins and through which proxy
 * number.
 *
 * @param identifier the participant's address (a phone number, or a chat channel SID)
 * @param proxyIdentifier the proxy number, when given
 * @param friendlyName the display name, when given
 */
public record ParticipantSpec(String identifier, @Nullable String proxyIdentifier, @Nullable String friendlyName) {

}
