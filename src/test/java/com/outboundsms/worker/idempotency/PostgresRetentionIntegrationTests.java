package com.outboundsms.worker.idempotency;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Retention on PostgreSQL, which several worker instances share. Each test gets a schema
 * of its own, dropped afterwards.
 */
class PostgresRetentionIntegrationTests extends RetentionContract {

	private final TestServices services = TestServices.get();

	private final String schema = "retention_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@Override
	protected DataSource freshDatabase() {
		server().sql("CREATE SCHEMA " + this.schema).update();
		return new DriverManagerDataSource(this.services.postgresUrl(this.schema), this.services.postgresUser(),
				this.services.postgresPassword());
	}

	@AfterEach
	void dropSchema() {
		server().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

	private JdbcClient server() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	@Override
	protected String planOf(DataSource database, String table, String sql, Map<String, Object> params) {
		try {
			SingleConnectionDataSource session = new SingleConnectionDataSource(database.getConnection(), false);
			try {
				JdbcClient jdbc = JdbcClient.create(session);
				jdbc.sql("ANALYZE " + table).update();
				// on a few hundred rows a sequential scan is cheapest; what matters is
				// whether an index can serve
				jdbc.sql("SET enable_seqscan = off").update();
				return String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
			}
			finally {
				session.destroy();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected String sessionId() {
		return "SELECT pg_backend_pid()";
	}

	@Override
	protected String blockedSessions() {
		return "SELECT COUNT(*) FROM pg_stat_activity WHERE CAST(:holder AS INTEGER) = ANY(pg_blocking_pids(pid))";
	}

}
