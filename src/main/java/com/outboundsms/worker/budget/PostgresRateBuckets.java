package com.outboundsms.worker.budget;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The buckets every instance shares, one row each in PostgreSQL: a take is one statement
 * that locks the row, refills it for the time elapsed on the database's clock, and takes
 * a token unless the floor would be crossed, so that two instances racing for the last
 * token never both get it, and instances whose clocks disagree still refill at the rate.
 * <p>
 * Bucket4j's PostgreSQL buckets were considered: they cannot refuse a token atomically
 * because fewer than a reserve would be left, and they refill by each instance's own
 * clock.
 */
public final class PostgresRateBuckets implements RateBuckets {

	// the inner SELECT reads the clock once, after the row lock is granted; a take that
	// waited on another may still read a time before the row's, hence no negative elapsed
	// time and no refill time moved back
	private static final String TAKE = """
			UPDATE rate_bucket AS b
			SET tokens = CASE WHEN s.available - 1 >= :floor THEN s.available - 1 ELSE s.available END,
				refilled_at = GREATEST(s.refilled_at, s.now)
			FROM (SELECT l.name, l.refilled_at, l.now,
					LEAST(:capacity, l.tokens + :rate * GREATEST(0, EXTRACT(EPOCH FROM (l.now - l.refilled_at))))
						AS available
				FROM (SELECT name, tokens, refilled_at, clock_timestamp() AS now
					FROM rate_bucket WHERE name = :name FOR UPDATE) AS l) AS s
			WHERE b.name = s.name
			RETURNING s.available - 1 >= :floor AS taken, b.tokens AS left_over
			""";

	private static final String CREATE = """
			INSERT INTO rate_bucket (name, tokens, refilled_at) VALUES (:name, :capacity, clock_timestamp())
			ON CONFLICT (name) DO NOTHING
			""";

	private final JdbcClient jdbc;

	/**
	 * Creates the buckets.
	 * @param jdbc the store's database, migrated
	 */
	public PostgresRateBuckets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Take take(String bucket, double perSecond, double floor) {
		double capacity = RateBuckets.capacity(perSecond, floor);
		Optional<Take> take = attempt(bucket, perSecond, floor, capacity);
		if (take.isPresent()) {
			return take.get();
		}
		this.jdbc.sql(CREATE).param("name", bucket).param("capacity", capacity).update();
		return attempt(bucket, perSecond, floor, capacity)
			.orElseThrow(() -> new IllegalStateException("rate bucket " + bucket + " vanished as it was made"));
	}

	private Optional<Take> attempt(String bucket, double perSecond, double floor, double capacity) {
		return this.jdbc.sql(TAKE)
			.param("name", bucket)
			.param("rate", perSecond)
			.param("floor", floor - ROUNDING)
			.param("capacity", capacity)
			.query((row, number) -> new Take(row.getBoolean("taken"), row.getDouble("left_over")))
			.optional();
	}

}
