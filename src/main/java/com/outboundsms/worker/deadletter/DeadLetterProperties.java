package com.outboundsms.worker.deadletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dead-letter side.
 *
 * @param exchange the dead-letter exchange (direct)
 * @param queue the dead-letter queue (quorum); its name is also the routing key that
 * binds it
 * @param confirmTimeout how long to wait for the broker to confirm a dead-lettered copy
 */
@ConfigurationProperties("outbound-sms.deadletter")
public record DeadLetterProperties(@DefaultValue("outbound-sms.dlx") String exchange,
		@DefaultValue("outbound-sms.requests.dlq") String queue, @DefaultValue("10s") Duration confirmTimeout) {

	public String routingKey() {
		return this.queue;
	}

}
