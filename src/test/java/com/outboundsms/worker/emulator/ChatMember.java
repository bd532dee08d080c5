package com.outboundsms.worker.emulator;

/**
 * A chat user's membership of a channel.
 *
 * @param sid the MB SID
 * @param channelSid the CH SID
 * @param userSid the US SID
 */
record ChatMember(String sid, String channelSid, String userSid) {

}
