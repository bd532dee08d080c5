package com.outboundsms.worker.idempotency;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on PostgreSQL, the store several worker instances share. Each test
 * gets a schema of its own, dropped afterwards.
 */
class PostgresOutreachStoreIntegrationTests extends OutreachStoreContract {

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("store");

	@Override
	protected DataSource freshDatabase() {
		return this.schema.create();
	}

	@Override
	protected boolean onConflictDoNothing() {
		return true;
	}

}
