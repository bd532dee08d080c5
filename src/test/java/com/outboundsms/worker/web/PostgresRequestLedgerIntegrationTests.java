package com.outboundsms.worker.web;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger on PostgreSQL, the store several worker instances share; each test on a
 * schema of its own.
 */
class PostgresRequestLedgerIntegrationTests extends RequestLedgerContract {

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("ledger");

	@Override
	protected DataSource freshDatabase() {
		return this.schema.create();
	}

}
