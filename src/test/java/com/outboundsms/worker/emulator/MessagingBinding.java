package com.outboundsms.worker.emulator;

/**
 * An SMS participant's messaging binding: the customer's number and the Twilio number the
 * conversation texts it from.
 *
 * @param address the customer's number
 * @param proxyAddress the Twilio number
 */
public record MessagingBinding(String address, String proxyAddress) {

}
