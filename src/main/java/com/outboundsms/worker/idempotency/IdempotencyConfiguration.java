package com.outboundsms.worker.idempotency;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.WorkerMetrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides the JDBC idempotency store. The data source is Spring Boot's: an embedded
 * database file unless {@code SPRING_DATASOURCE_URL} names another.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

	@Bean
	StoreProbe storeProbe(JdbcClient jdbc) {
		return new StoreProbe(jdbc);
	}

	@Bean
	OutreachStore outreachStore(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions,
			IdempotencyProperties properties, Clock clock, WorkerMetrics metrics, JsonMapper json)
			throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		// a fresh id per process: a restarted worker must not mistake its predecessor's
		// leases for its own
		return new JdbcOutreachStore(jdbc, transactions, properties, clock, UUID.randomUUID().toString(),
				"PostgreSQL".equalsIgnoreCase(product), metrics, json);
	}

}
