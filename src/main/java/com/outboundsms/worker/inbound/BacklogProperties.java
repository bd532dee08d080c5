package com.outboundsms.worker.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of reading the queues' depths for the backlog gauges.
 *
 * @param readInterval how often the request and dead-letter queues' depths are read (one
 * passive declare each)
 */
@ConfigurationProperties("outbound-sms.backlog")
public record BacklogProperties(@DefaultValue("15s") Duration readInterval) {

}
