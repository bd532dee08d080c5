package com.outboundsms.worker.web;

import java.util.UUID;

import javax.sql.DataSource;

import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.AfterEach;

/**
 * The ledger on PostgreSQL, the store several worker instances share; each test on a
 * schema of its own.
 */
class PostgresRequestLedgerIntegrationTests extends RequestLedgerContract {

	private final TestServices services = TestServices.get();

	private final String schema = "ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@Override
	protected DataSource freshDatabase() {
		return this.services.createSchema(this.schema);
	}

	@AfterEach
	void dropSchema() {
		this.services.dropSchema(this.schema);
	}

}
