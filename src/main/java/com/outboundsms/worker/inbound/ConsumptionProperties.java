package com.outboundsms.worker.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of pausing consumption while a dependency fails for every request.
 *
 * @param probeInitialDelay the wait before the first probe; each failed probe doubles it
 * @param probeMaxDelay the longest wait between two probes
 * @param shutdownTimeout on shutdown, how long requests in flight may take to finish
 * before their channel is closed and the broker hands them to another worker
 */
@ConfigurationProperties("outbound-sms.consumption")
public record ConsumptionProperties(@DefaultValue("1s") Duration probeInitialDelay,
		@DefaultValue("60s") Duration probeMaxDelay, @DefaultValue("30s") Duration shutdownTimeout) {

}
