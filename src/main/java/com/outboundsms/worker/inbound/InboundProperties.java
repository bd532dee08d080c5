package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the request side.
 *
 * @param exchange the request exchange (direct); the delay queues' exchange is named
 * after it with {@code .retry}
 * @param routingKey the routing key that binds the request queue
 * @param queue the request queue (quorum); the delay queues are named after it
 * @param deliveryLimit the broker's poison-message backstop: deliveries after which the
 * broker dead-letters a message by itself
 * @param maxBodySize the largest request body accepted
 * @param defaultRegion the region assumed for numbers written without a {@code +} country
 * code
 * @param maxAttempts how many times a request is tried before a transient failure is
 * final
 * @param maxAge how long after its first attempt a request may still be retried
 * @param retryDelays the delay queues' delays, shortest first, each double the one
 * before: the backoff's ceiling starts at the first and doubles per attempt up to the
 * last
 */
@ConfigurationProperties("outbound-sms.inbound")
public record InboundProperties(@DefaultValue("outbound-sms") String exchange,
		@DefaultValue("request") String routingKey, @DefaultValue("outbound-sms.requests") String queue,
		@DefaultValue("20") int deliveryLimit, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("US") String defaultRegion, @DefaultValue("8") int maxAttempts,
		@DefaultValue("1h") Duration maxAge, @DefaultValue( {
				"1s", "2s", "4s", "8s", "16s", "32s", "64s", "128s", "256s" }) List<Duration> retryDelays){

}
