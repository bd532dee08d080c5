package com.outboundsms.worker.schedule;

import java.time.Clock;
import java.time.Duration;

import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.processing.SendWindows;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the send windows, the held requests' store and their releaser.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

	@Bean
	SendWindows sendWindows(SendWindowProperties properties) {
		return new CustomerSendWindows(properties);
	}

	@Bean
	JdbcHeldRequests heldRequests(JdbcClient jdbc, Clock clock, JsonMapper json) {
		return new JdbcHeldRequests(jdbc, clock, new HeldMessages(json));
	}

	@Bean
	HeldRequestReleaser heldRequestReleaser(JdbcHeldRequests heldRequests, ConfirmedSenders senders,
			InboundProperties lanes, HoldProperties properties, Clock clock, WorkerMetrics metrics) {
		// mandatory: a released copy no queue took would be a lost request
		HeldRequestPublisher publisher = new AmqpHeldRequestPublisher(senders.mandatory(Duration.ofSeconds(10)), lanes,
				clock);
		return new HeldRequestReleaser(heldRequests, publisher, properties, clock, metrics);
	}

}
