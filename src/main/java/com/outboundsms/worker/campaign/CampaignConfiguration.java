package com.outboundsms.worker.campaign;

import java.time.Clock;

import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.WorkerMetrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the campaigns' store.
 */
@Configuration(proxyBeanMethods = false)
class CampaignConfiguration {

	@Bean
	Campaigns campaigns(JdbcClient jdbc, Clock clock, CampaignProperties properties, WorkerMetrics metrics) {
		return new JdbcCampaigns(jdbc, clock, properties.refresh(), metrics);
	}

}
