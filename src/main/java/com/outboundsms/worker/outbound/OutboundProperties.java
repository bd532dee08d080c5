package com.outboundsms.worker.outbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the result side.
 *
 * @param exchange the result exchange (topic; routing keys {@code result.created},
 * {@code result.reused}, {@code result.failed})
 * @param confirmTimeout how long to wait for the broker to confirm a result event
 */
@ConfigurationProperties("outbound-sms.outbound")
public record OutboundProperties(@DefaultValue("outbound-sms.results") String exchange,
		@DefaultValue("10s") Duration confirmTimeout) {

}
