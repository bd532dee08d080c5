package com.outboundsms.worker.idempotency;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Retention on the embedded database file the worker uses by default.
 */
class H2RetentionIntegrationTests extends RetentionContract {

	@TempDir
	Path directory;

	@Override
	protected DataSource freshDatabase() {
		return new DriverManagerDataSource("jdbc:h2:file:" + this.directory.resolve("retention-" + UUID.randomUUID())
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
	}

	@Override
	protected String planOf(DataSource database, String table, String sql, Map<String, Object> params) {
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql("ANALYZE TABLE " + table).update();
		return String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
	}

	@Override
	protected String sessionId() {
		return "SELECT SESSION_ID()";
	}

	@Override
	protected String blockedSessions() {
		return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = :holder";
	}

}
