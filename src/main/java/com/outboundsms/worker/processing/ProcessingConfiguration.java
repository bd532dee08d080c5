package com.outboundsms.worker.processing;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the core from the ports the adapters provide.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OutreachProcessor outreachProcessor(OutreachStore store, OutreachBackend backend, ProcessingProperties properties,
			Clock clock, Campaigns campaigns, SendWindows windows) {
		return new OutreachProcessor(store, backend, properties, clock, Sleeper.threadSleeping(), campaigns, windows);
	}

}
