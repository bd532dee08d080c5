package com.outboundsms.worker.door;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the door remembers of the requests it accepted, beside the store's outcomes: that
 * a request is pending, and why it failed (the store keeps only successes, so that a
 * failed request that comes back is processed afresh).
 */
class RequestLedger {

	private static final String REACCEPT = """
			UPDATE http_request
			SET accepted_at = :now, failure_code = NULL, failure_message = NULL, failed_at = NULL
			WHERE request_id = :request
			""";

	private static final String INSERT = """
			INSERT INTO http_request (request_id, accepted_at) VALUES (:request, :now)
			""";

	private static final String FAIL = """
			UPDATE http_request SET failure_code = :code, failure_message = :message, failed_at = :at
			WHERE request_id = :request
			""";

	private static final String SELECT = """
			SELECT request_id, accepted_at, failure_code, failure_message, failed_at
			FROM http_request WHERE request_id = :request
			""";

	private final JdbcClient jdbc;

	RequestLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notes a request as pending; a request accepted again forgets its earlier failure.
	 */
	void accepted(String requestId, Instant now) {
		if (this.jdbc.sql(REACCEPT).param("request", requestId).param("now", time(now)).update() > 0) {
			return;
		}
		try {
			this.jdbc.sql(INSERT).param("request", requestId).param("now", time(now)).update();
		}
		catch (DuplicateKeyException ex) {
			// the same request accepted at the same moment by another call: pending
			// either
			// way
		}
	}

	/**
	 * Notes why a request failed, if the door accepted it.
	 */
	void failed(String requestId, ErrorCode code, String message, Instant at) {
		this.jdbc.sql(FAIL)
			.param("request", requestId)
			.param("code", code.name())
			.param("message", (message.length() > 1000) ? message.substring(0, 1000) : message)
			.param("at", time(at))
			.update();
	}

	Optional<Entry> find(String requestId) {
		return this.jdbc.sql(SELECT).param("request", requestId).query(RequestLedger::entry).optional();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		String code = rs.getString("failure_code");
		Optional<Failure> failure = (code != null)
				? Optional
					.of(new Failure(ErrorCode.valueOf(code), rs.getString("failure_message"), instant(rs, "failed_at")))
				: Optional.empty();
		return new Entry(rs.getString("request_id"), instant(rs, "accepted_at"), failure);
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/**
	 * A request the door accepted.
	 *
	 * @param requestId the request id
	 * @param acceptedAt when it was last accepted
	 * @param failure why it failed, if its result event said so
	 */
	record Entry(String requestId, Instant acceptedAt, Optional<Failure> failure) {
	}

	/**
	 * A failed request's error.
	 *
	 * @param code the error code
	 * @param message the error message
	 * @param at when it failed
	 */
	record Failure(ErrorCode code, String message, Instant at) {
	}

}
