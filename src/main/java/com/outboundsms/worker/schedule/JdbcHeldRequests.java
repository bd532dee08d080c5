package com.outboundsms.worker.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.outboundsms.worker.inbound.RequestHolds;
import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.SystemicFailure;

import org.springframework.amqp.core.Message;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The held requests in the store (the embedded database or PostgreSQL alike): one insert
 * per request, keyed by its id, so that a redelivered request finds its row; claimed for
 * a lease by one releaser at a time (a conditional update, which both databases apply to
 * a row once, the second claimant finding it claimed), deleted once published.
 */
class JdbcHeldRequests implements RequestHolds {

	private static final String HOLD = """
			INSERT INTO held_request (request_id, lane, reason, release_at, held_at, body, properties)
			VALUES (:request, :lane, :reason, :releaseAt, :now, :body, :properties)
			ON CONFLICT DO NOTHING
			""";

	private static final String DUE = """
			SELECT request_id FROM held_request
			WHERE release_at <= :now AND (claimed_until IS NULL OR claimed_until <= :now)
			ORDER BY release_at
			LIMIT :batch
			""";

	private static final String CLAIM = """
			UPDATE held_request SET claimed_by = :claim, claimed_until = :until
			WHERE request_id IN (:requests) AND (claimed_until IS NULL OR claimed_until <= :now)
			""";

	private static final String CLAIMED = """
			SELECT request_id, lane, release_at, body, properties FROM held_request WHERE claimed_by = :claim
			""";

	private static final String RELEASE = "DELETE FROM held_request WHERE claimed_by = :claim AND request_id IN (:requests)";

	private static final String COUNT = "SELECT lane, reason, COUNT(*) AS held FROM held_request GROUP BY lane, reason";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HeldMessages messages;

	JdbcHeldRequests(JdbcClient jdbc, Clock clock, HeldMessages messages) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.messages = messages;
	}

	@Override
	public void hold(Message message, Lane lane, String requestId, Instant until, HoldReason reason) {
		Map<String, Object> params = new HashMap<>();
		params.put("request", requestId);
		params.put("lane", lane.name());
		params.put("reason", reason.name());
		params.put("releaseAt", time(until));
		params.put("now", time(this.clock.instant()));
		params.put("body", message.getBody());
		params.put("properties", this.messages.write(message.getMessageProperties()));
		// a row there already is this request held before: it stays as it was
		guarded(() -> this.jdbc.sql(HOLD).params(params).update());
	}

	/**
	 * Claims held requests whose time has come, oldest first, for a lease.
	 * @param now the time
	 * @param batch the most to claim
	 * @param lease how long other releasers stay off them
	 * @return the claim, empty when nothing is due or another releaser took it all
	 */
	Claim claimDue(Instant now, int batch, Duration lease) {
		List<String> due = this.jdbc.sql(DUE)
			.param("now", time(now))
			.param("batch", batch)
			.query((rs, row) -> rs.getString("request_id"))
			.list();
		String claim = UUID.randomUUID().toString();
		if (due.isEmpty()) {
			return new Claim(claim, List.of());
		}
		this.jdbc.sql(CLAIM)
			.param("claim", claim)
			.param("until", time(now.plus(lease)))
			.param("requests", due)
			.param("now", time(now))
			.update();
		return new Claim(claim, this.jdbc.sql(CLAIMED).param("claim", claim).query(this::heldRequest).list());
	}

	/**
	 * Deletes the requests of a claim, once published; a request whose lease ran out and
	 * another releaser claimed stays for that one.
	 * @param claim the claim
	 */
	void release(Claim claim) {
		if (!claim.requests().isEmpty()) {
			this.jdbc.sql(RELEASE)
				.param("claim", claim.id())
				.param("requests", claim.requests().stream().map(HeldRequest::requestId).toList())
				.update();
		}
	}

	/**
	 * Counts the held requests.
	 * @return how many by lane and reason, every lane and reason present
	 */
	Map<Lane, Map<HoldReason, Long>> count() {
		Map<Lane, Map<HoldReason, Long>> counts = new EnumMap<>(Lane.class);
		for (Lane lane : Lane.values()) {
			Map<HoldReason, Long> byReason = new EnumMap<>(HoldReason.class);
			for (HoldReason reason : HoldReason.values()) {
				byReason.put(reason, 0L);
			}
			counts.put(lane, byReason);
		}
		this.jdbc.sql(COUNT).query((ResultSet rs) -> {
			// a row callback, one call per row
			counts.get(Lane.valueOf(rs.getString("lane")))
				.put(HoldReason.valueOf(rs.getString("reason")), rs.getLong("held"));
		});
		return counts;
	}

	private HeldRequest heldRequest(ResultSet rs, int row) throws SQLException {
		Message message = new Message(rs.getBytes("body"), this.messages.read(rs.getString("properties")));
		return new HeldRequest(rs.getString("request_id"), Lane.valueOf(rs.getString("lane")), message,
				rs.getObject("release_at", OffsetDateTime.class).toInstant());
	}

	private static <T> T guarded(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (DataAccessResourceFailureException | CannotCreateTransactionException ex) {
			// no connection: every request would fail the same way, so consumption pauses
			throw new SystemicFailure(Dependency.STORE, "store unreachable: " + ex.getClass().getSimpleName(), null,
					null, ex);
		}
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * Held requests one releaser claimed.
	 *
	 * @param id the claim's own id, written on its rows
	 * @param requests the requests claimed
	 */
	record Claim(String id, List<HeldRequest> requests) {
	}

}
