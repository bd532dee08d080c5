package com.outboundsms.worker.emulator;

/**
 * An SMS the emulator did not text because the customer opted out of the sender (21610):
 * refused at once for a conversation message, and, for a chat message Proxy relays, after
 * the chat message was accepted.
 *
 * @param sms the SMS as it would have been texted
 * @param errorCode the Twilio error code, 21610
 */
public record RefusedSms(DeliveredSms sms, int errorCode) {

}
