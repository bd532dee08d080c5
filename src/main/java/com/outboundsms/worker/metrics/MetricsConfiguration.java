package com.outboundsms.worker.metrics;

import com.outboundsms.worker.processing.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the worker's metrics on the application's meter registry.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	WorkerMetrics workerMetrics(MeterRegistry registry) {
		return new MicrometerWorkerMetrics(registry);
	}

}
