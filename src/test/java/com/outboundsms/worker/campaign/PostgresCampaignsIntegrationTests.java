package com.outboundsms.worker.campaign;

import java.util.UUID;

import javax.sql.DataSource;

import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.AfterEach;

/**
 * The campaigns on PostgreSQL, the store several worker instances share; each test on a
 * schema of its own.
 */
class PostgresCampaignsIntegrationTests extends CampaignsContract {

	private final TestServices services = TestServices.get();

	private final String schema = "campaigns_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@Override
	protected DataSource freshDatabase() {
		return this.services.createSchema(this.schema);
	}

	@AfterEach
	void dropSchema() {
		this.services.dropSchema(this.schema);
	}

}
