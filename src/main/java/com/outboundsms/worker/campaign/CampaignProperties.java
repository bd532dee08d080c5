package com.outboundsms.worker.campaign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How campaigns are followed.
 *
 * @param refresh how often an instance reads the campaigns' states again, so that a
 * pause, resume or cancel made through another instance takes effect here
 */
@ConfigurationProperties("outbound-sms.campaigns")
public record CampaignProperties(@DefaultValue("1s") Duration refresh) {
}
