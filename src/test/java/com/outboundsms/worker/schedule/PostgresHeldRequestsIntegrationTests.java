package com.outboundsms.worker.schedule;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The held requests on PostgreSQL, the store several worker instances share; each test on
 * a schema of its own.
 */
class PostgresHeldRequestsIntegrationTests extends HeldRequestsContract {

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("held");

	@Override
	protected DataSource freshDatabase() {
		return this.schema.create();
	}

}
