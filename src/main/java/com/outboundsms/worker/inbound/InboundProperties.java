package com.outboundsms.worker.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the request side.
 *
 * @param exchange the request exchange (direct)
 * @param routingKey the routing key that binds the request queue
 * @param queue the request queue (quorum)
 * @param deliveryLimit the broker's poison-message backstop: deliveries after which the
 * broker dead-letters a message by itself
 * @param maxBodySize the largest request body accepted
 * @param defaultRegion the region assumed for numbers written without a {@code +} country
 * code
 * @param maxAttempts how many times a request is processed before a transient failure is
 * final
 * @param initialBackoff the wait before the second attempt; each later wait doubles, with
 * jitter
 */
@ConfigurationProperties("outbound-sms.inbound")
public record InboundProperties(@DefaultValue("outbound-sms") String exchange,
		@DefaultValue("request") String routingKey, @DefaultValue("outbound-sms.requests") String queue,
		@DefaultValue("20") int deliveryLimit, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("US") String defaultRegion, @DefaultValue("3") int maxAttempts,
		@DefaultValue("500ms") Duration initialBackoff) {

}
