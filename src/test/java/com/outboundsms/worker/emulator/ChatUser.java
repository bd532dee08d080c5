package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * A Programmable Chat user: Flex makes one per identity a channel create names, and
 * reuses it for that identity's later channels.
 *
 * @param sid the US SID
 * @param serviceSid the IS SID of its chat service
 * @param identity its identity, unique in the service
 * @param created when it was made
 */
public record ChatUser(String sid, String serviceSid, String identity, Instant created) {

}
