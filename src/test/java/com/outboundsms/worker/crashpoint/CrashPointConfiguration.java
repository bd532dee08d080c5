package com.outboundsms.worker.crashpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Arms the crash points when {@code outbound-sms.crash-point.at} names one; without it,
 * nothing here exists.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "outbound-sms.crash-point", name = "at")
@EnableConfigurationProperties(CrashPointProperties.class)
class CrashPointConfiguration {

	@Bean
	CrashPoint crashPoint(CrashPointProperties properties) {
		return new CrashPoint(properties, Runtime.getRuntime()::halt, System.err);
	}

	@Bean
	static CrashPointProxies crashPointProxies(ObjectProvider<CrashPoint> point) {
		return new CrashPointProxies(point);
	}

}
