package com.outboundsms.worker.twilio;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long flex-conversations waits for Twilio to set up an interaction it accepted
 * (Twilio adds the customer to the conversation after it answers the create): it looks
 * every {@code poll}, for up to {@code maxWait}, then lets the request be retried, which
 * looks again without creating anything.
 *
 * @param poll the time between two looks
 * @param maxWait the longest wait within one attempt; kept well under the store's lease
 * (60 s by default), which a wait must not outlast: at most half the default lease
 */
@ConfigurationProperties("twilio.interaction-setup")
@Validated
public record InteractionSetupProperties(
		@DefaultValue("500ms") @DurationMin(millis = 0, inclusive = false,
				message = "twilio.interaction-setup.poll must be positive") Duration poll,
		@DefaultValue("5s") @DurationMax(seconds = 30,
				message = "twilio.interaction-setup.max-wait must be at most 30s, half the default lease") Duration maxWait) {

	@AssertTrue(message = "twilio.interaction-setup.poll must not be longer than twilio.interaction-setup.max-wait")
	boolean isPollWithinMaxWait() {
		return this.poll.compareTo(this.maxWait) <= 0;
	}

}
