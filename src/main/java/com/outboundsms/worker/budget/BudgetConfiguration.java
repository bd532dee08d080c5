package com.outboundsms.worker.budget;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import com.outboundsms.worker.pacing.Ticker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Picks where the rate buckets live by the store's database: PostgreSQL, which several
 * instances share, or memory for the embedded store's single instance.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

	@Bean
	RateBuckets rateBuckets(DataSource dataSource, JdbcClient jdbc) throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			return new PostgresRateBuckets(jdbc);
		}
		return new MemoryRateBuckets(Ticker.system());
	}

}
