package com.outboundsms.worker.emulator;

/**
 * A conversation Flex made itself when a customer texted a number first.
 *
 * @param flexFlowSid the number's Studio flow that took the text
 * @param channelSid the chat channel, whose chat user is named after the customer's
 * address
 * @param userSid the customer's chat user
 * @param sessionSid the active Proxy session tying the customer to the channel
 */
public record InboundConversation(String flexFlowSid, String channelSid, String userSid, String sessionSid) {

}
