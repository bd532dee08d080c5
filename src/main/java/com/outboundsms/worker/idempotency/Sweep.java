package com.outboundsms.worker.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows retention deletes, one kind at a time, a batch at a time. A batch's keys are
 * found through the index on the rows' age, oldest first where the index gives the order;
 * each row is then deleted by its primary key, whatever the planner thinks of the number
 * of old rows, and only if it still is what was found: a row another worker changed in
 * the meantime (an outreach replaced, a lease taken over) is kept.
 */
enum Sweep {

	/** Outcomes of requests completed before the cutoff. */
	OUTCOMES("request_outcome", List.of("request_id"), "completed_at < :cutoff", "ORDER BY completed_at"),

	/** Requests the HTTP door accepted before the cutoff. */
	DOOR_REQUESTS("http_request", List.of("request_id"), "accepted_at < :cutoff", "ORDER BY accepted_at"),

	/**
	 * Open outreaches made before the cutoff, which is past the dedupe window too: none
	 * of them is handed out again.
	 */
	CLOSED_OUTREACHES("outreach", List.of("from_number", "to_number"), "state = 'OPEN' AND opened_at < :cutoff",
			"ORDER BY opened_at"),

	/**
	 * Pending outreaches nobody touched since the cutoff and whose lease ran out (on the
	 * database's clock, as every lease); found through the index's state prefix, pending
	 * rows being few.
	 */
	ABANDONED_OUTREACHES("outreach", List.of("from_number", "to_number"),
			"state = 'PENDING' AND updated_at < :cutoff AND (lease_until IS NULL OR lease_until <= CURRENT_TIMESTAMP)",
			""),

	/** Campaigns' requests settled before the cutoff: their counts go with them. */
	CAMPAIGN_REQUESTS("campaign_request", List.of("campaign_id", "request_id"), "settled_at < :cutoff",
			"ORDER BY settled_at"),

	/**
	 * Campaigns unchanged since the cutoff with no settled request left (the sweep before
	 * took those past it); a paused one is kept, since its requests still wait.
	 */
	CAMPAIGNS("campaign", List.of("campaign_id"),
			"changed_at < :cutoff AND state <> 'PAUSED' AND NOT EXISTS "
					+ "(SELECT 1 FROM campaign_request r WHERE r.campaign_id = campaign.campaign_id)",
			"ORDER BY changed_at");

	private final String table;

	private final String find;

	private final String delete;

	Sweep(String table, List<String> key, String condition, String order) {
		this.table = table;
		this.find = "SELECT " + String.join(", ", key) + " FROM " + table + " WHERE " + condition + " " + order
				+ " LIMIT :batch";
		this.delete = "DELETE FROM " + table + " WHERE "
				+ key.stream().map((column) -> column + " = :" + column).collect(Collectors.joining(" AND ")) + " AND "
				+ condition;
	}

	/**
	 * The table the rows are deleted from.
	 * @return its name, also the metrics' tag
	 */
	String table() {
		return this.table;
	}

	/**
	 * The query that finds one batch's keys; its parameters are {@code cutoff} and
	 * {@code batch}.
	 * @return the SQL
	 */
	String find() {
		return this.find;
	}

	/**
	 * The statement that deletes one row found, if it still qualifies; its parameters are
	 * {@code cutoff} and the key's columns.
	 * @return the SQL
	 */
	String delete() {
		return this.delete;
	}

	/**
	 * The time before which rows of this kind are deleted.
	 * @param started when the run started
	 * @param age the retention age
	 * @param dedupeWindow how long an open outreach may be handed out
	 * @return the cutoff
	 */
	Instant cutoff(Instant started, Duration age, Duration dedupeWindow) {
		Duration kept = (this == CLOSED_OUTREACHES && dedupeWindow.compareTo(age) > 0) ? dedupeWindow : age;
		return started.minus(kept);
	}

}
