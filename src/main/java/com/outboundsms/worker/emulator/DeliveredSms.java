package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * An SMS that Proxy relayed to the customer because a message was posted into a chat
 * channel bound to an active Proxy session.
 *
 * @param sessionSid the KC SID of the session that relayed it
 * @param channelSid the chat channel the message was posted into
 * @param to the customer's number (the phone participant's identifier)
 * @param from the Twilio number (its proxy identifier)
 * @param body the text
 * @param at when it was relayed
 */
public record DeliveredSms(String sessionSid, String channelSid, String to, String from, String body, Instant at) {

}
