package com.outboundsms.worker.budget;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store serves one instance: its buckets stay in memory, and the migration
 * that makes the shared table runs on it all the same.
 */
class H2RateBucketsIntegrationTests {

	@Test
	void theEmbeddedStoreKeepsTheBucketsInMemoryAndMigrates() throws Exception {
		DriverManagerDataSource h2 = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID()
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"sa", "");
		Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

		assertThat(new BudgetConfiguration().rateBuckets(h2, JdbcClient.create(h2)))
			.isInstanceOf(MemoryRateBuckets.class);
		assertThat(JdbcClient.create(h2).sql("SELECT count(*) FROM rate_bucket").query(Integer.class).single())
			.isZero();
	}

}
