package com.outboundsms.worker.campaign;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The campaigns on PostgreSQL, the store several worker instances share; each test on a
 * schema of its own.
 */
class PostgresCampaignsIntegrationTests extends CampaignsContract {

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("campaigns");

	@Override
	protected DataSource freshDatabase() {
		return this.schema.create();
	}

}
