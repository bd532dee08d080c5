package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.util.UUID;

import com.outboundsms.worker.processing.OutreachStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides the JDBC idempotency store. The data source is Spring Boot's: an embedded
 * database file unless {@code SPRING_DATASOURCE_URL} names another.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

	@Bean
	OutreachStore outreachStore(JdbcClient jdbc, TransactionTemplate transactions, IdempotencyProperties properties,
			Clock clock) {
		// a fresh id per process: a restarted worker must not mistake its predecessor's
		// leases for its own
		return new JdbcOutreachStore(jdbc, transactions, properties, clock, UUID.randomUUID().toString());
	}

}
