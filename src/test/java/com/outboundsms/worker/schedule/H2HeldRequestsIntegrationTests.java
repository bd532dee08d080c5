package com.outboundsms.worker.schedule;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The held requests on the embedded database the worker uses by default, in its
 * PostgreSQL mode.
 */
class H2HeldRequestsIntegrationTests extends HeldRequestsContract {

	@Override
	protected DataSource freshDatabase() {
		return new DriverManagerDataSource(
				"jdbc:h2:mem:held-" + UUID.randomUUID()
						+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"sa", "");
	}

}
