package com.outboundsms.worker.twilio;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long flex-conversations waits for Twilio to set up an interaction it accepted
 * (Twilio adds the customer to the conversation after it answers the create): it looks
 * every {@code poll}, for up to {@code maxWait}, then lets the request be retried, which
 * looks again without creating anything.
 *
 * @param poll the time between two looks
 * @param maxWait the longest wait within one attempt; kept well under the store's lease
 * (60 s by default), which a wait must not outlast
 */
@ConfigurationProperties("twilio.interaction-setup")
public record InteractionSetupProperties(@DefaultValue("500ms") Duration poll, @DefaultValue("5s") Duration maxWait) {

	/** The longest wait allowed: half the default lease. */
	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	public InteractionSetupProperties {
		if (poll.isNegative() || poll.isZero() || poll.compareTo(maxWait) > 0 || maxWait.compareTo(MAX_WAIT) > 0) {
			throw new IllegalArgumentException("twilio.interaction-setup needs 0 < poll <= max-wait <= " + MAX_WAIT
					+ ", got poll=" + poll + ", max-wait=" + maxWait);
		}
	}

}
