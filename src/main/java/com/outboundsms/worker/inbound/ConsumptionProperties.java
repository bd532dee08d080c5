package com.outboundsms.worker.inbound;

import java.time.Duration;

import com.outboundsms.worker.processing.CallCapacity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of pausing consumption while a dependency fails for every request.
 *
 * @param probeInitialDelay the wait before the first probe; each failed probe doubles it
 * @param probeMaxDelay the longest wait between two probes
 * @param shutdownTimeout on shutdown, how long requests in flight may take to finish
 * before their channel is closed and the broker hands them to another worker
 * @param consumers bulk-lane requests processed at once; 0 (the default) for as many as
 * Twilio calls may be in flight ({@code twilio.limits.max}), since a request makes its
 * calls one after another
 * @param prefetch deliveries each consumer holds unacknowledged at most, so that a
 * backlog stays on the broker (unacked &le; consumers &times; prefetch) where another
 * worker can take it
 * @param forbiddenPauses how many pauses for a Twilio 403, each ended by a probe that
 * found the credentials accepted while the call was still refused, make that 403 a
 * permission the API key lacks: requests that need the call are then dead-lettered
 * instead of pausing consumption again; 0 for the first such 403
 * @param interactiveConsumers interactive-lane requests processed at once, by consumers
 * of their own, so that a bulk backlog never holds the consumers a waiting person needs
 */
@ConfigurationProperties("outbound-sms.consumption")
public record ConsumptionProperties(@DefaultValue("1s") Duration probeInitialDelay,
		@DefaultValue("60s") Duration probeMaxDelay, @DefaultValue("30s") Duration shutdownTimeout,
		@DefaultValue("0") int consumers, @DefaultValue("1") int prefetch, @DefaultValue("3") int forbiddenPauses,
		@DefaultValue("4") int interactiveConsumers) {

	public ConsumptionProperties {
		if (interactiveConsumers < 1) {
			throw new IllegalArgumentException(
					"outbound-sms.consumption.interactive-consumers must be at least 1, was " + interactiveConsumers);
		}
	}

	/**
	 * The bulk lane's consumers to run.
	 * @param capacity the ceiling of Twilio calls in flight
	 * @return {@code consumers} when set, else the ceiling
	 */
	public int consumers(CallCapacity capacity) {
		return (this.consumers > 0) ? this.consumers : capacity.maxCallsInFlight();
	}

}
