package com.outboundsms.worker.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.NumberPair;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the door remembers of the requests it accepted, beside the store's outcomes: that
 * a request is pending, and why it failed (the store keeps only successes, so that a
 * failed request that comes back is processed afresh).
 */
class RequestLedger {

	/**
	 * Accepts a request id again unless it is pending for another pair: a row that failed
	 * may be reused for any pair (a failed request is processed afresh), and a row
	 * written before pairs were recorded takes this one.
	 */
	private static final String REACCEPT = """
			UPDATE http_request
			SET accepted_at = :now, failure_code = NULL, failure_message = NULL, failed_at = NULL,
			    from_number = :from, to_number = :to
			WHERE request_id = :request
			  AND (failure_code IS NOT NULL OR from_number IS NULL OR (from_number = :from AND to_number = :to))
			""";

	private static final String INSERT = """
			INSERT INTO http_request (request_id, accepted_at, from_number, to_number)
			VALUES (:request, :now, :from, :to)
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
	 * Notes a request as pending for its pair; a request accepted again forgets its
	 * earlier failure.
	 * @param requestId the request id
	 * @param pair the request's number pair
	 * @param now the time now
	 * @return {@code false} if the request id is pending for another pair, and nothing
	 * was noted
	 */
	boolean accepted(String requestId, NumberPair pair, Instant now) {
		if (reaccept(requestId, pair, now)) {
			return true;
		}
		try {
			this.jdbc.sql(INSERT).params(params(requestId, pair, now)).update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			// accepted at the same moment by another call: for this pair, or another
			return reaccept(requestId, pair, now);
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

	private boolean reaccept(String requestId, NumberPair pair, Instant now) {
		return this.jdbc.sql(REACCEPT).params(params(requestId, pair, now)).update() > 0;
	}

	private static Map<String, Object> params(String requestId, NumberPair pair, Instant now) {
		return Map.of("request", requestId, "from", pair.fromNumber(), "to", pair.toNumber(), "now", time(now));
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		String code = rs.getString("failure_code");
		Failure failure = (code != null)
				? new Failure(ErrorCode.valueOf(code), rs.getString("failure_message"), instant(rs, "failed_at"))
				: null;
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
	 * @param failure why it failed, if its result event said so, else {@code null}
	 */
	record Entry(String requestId, Instant acceptedAt, @Nullable Failure failure) {
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
