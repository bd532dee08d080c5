package com.outboundsms.worker.processing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the core.
 *
 * @param dedupeWindow how long after its creation an outreach counts as open for its
 * pair, at most
 * @param openCheckInterval how long Twilio's word that an outreach is open stands: a
 * request for an open pair within this time of the last look is answered without asking
 * Twilio again. Zero (the default) looks every time, so that a conversation an agent just
 * ended is never handed out; a longer window saves a fetch per reuse at the price of
 * answering with a closed outreach for up to that long
 * @param busyPoll how often a request whose pair is being made by another request looks
 * again
 * @param busyWaitLimit how long such a request waits before it counts as a transient
 * failure
 */
@ConfigurationProperties("outbound-sms.processing")
public record ProcessingProperties(@DefaultValue("24h") Duration dedupeWindow,
		@DefaultValue("0s") Duration openCheckInterval, @DefaultValue("100ms") Duration busyPoll,
		@DefaultValue("5s") Duration busyWaitLimit) {

}
