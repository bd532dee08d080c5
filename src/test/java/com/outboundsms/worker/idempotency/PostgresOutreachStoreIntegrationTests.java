package com.outboundsms.worker.idempotency;

import java.util.UUID;

import javax.sql.DataSource;

import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The store contract on PostgreSQL, the store several worker instances share. Each test
 * gets a schema of its own, dropped afterwards.
 */
class PostgresOutreachStoreIntegrationTests extends OutreachStoreContract {

	private final TestServices services = TestServices.get();

	private String schema;

	@Override
	protected DataSource freshDatabase() {
		this.schema = "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin().sql("CREATE SCHEMA " + this.schema).update();
		return new DriverManagerDataSource(this.services.postgresUrl(this.schema), this.services.postgresUser(),
				this.services.postgresPassword());
	}

	@AfterEach
	void dropSchema() {
		admin().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

	private JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	@Override
	protected boolean onConflictDoNothing() {
		return true;
	}

}
