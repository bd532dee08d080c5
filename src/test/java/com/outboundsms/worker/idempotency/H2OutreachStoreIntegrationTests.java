package com.outboundsms.worker.idempotency;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The store contract on the embedded database file the worker uses by default.
 */
class H2OutreachStoreIntegrationTests extends OutreachStoreContract {

	@TempDir
	Path directory;

	@Override
	protected DataSource freshDatabase() {
		String file = this.directory.resolve("store-" + UUID.randomUUID()).toString();
		return new DriverManagerDataSource(
				"jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa",
				"");
	}

	@Override
	protected boolean onConflictDoNothing() {
		return false;
	}

}
