package com.outboundsms.worker.idempotency;

import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Retention on PostgreSQL, which several worker instances share. Each test gets a schema
 * of its own, dropped afterwards.
 */
class PostgresRetentionIntegrationTests extends RetentionContract {

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("retention");

	@Override
	protected DataSource freshDatabase() {
		return this.schema.create();
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
