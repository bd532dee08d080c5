package com.outboundsms.worker.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Metrics that record what retention reports, batch by batch and run by run.
 */
final class RecordingRetentionMetrics implements RetentionMetrics {

	private final List<Batch> batches = new CopyOnWriteArrayList<>();

	private final List<Duration> runs = new CopyOnWriteArrayList<>();

	/**
	 * The rows each batch deleted from a table, in order.
	 * @param table the table
	 * @return rows per batch
	 */
	List<Long> batches(String table) {
		return this.batches.stream().filter((batch) -> batch.table().equals(table)).map(Batch::rows).toList();
	}

	/**
	 * Every batch reported, in order.
	 * @return the batches
	 */
	List<Batch> batches() {
		return List.copyOf(this.batches);
	}

	/**
	 * How long each finished run took.
	 * @return the runs
	 */
	List<Duration> runs() {
		return List.copyOf(this.runs);
	}

	@Override
	public void deleted(String table, long rows) {
		this.batches.add(new Batch(table, rows));
	}

	@Override
	public void ran(Instant ended, Duration took) {
		this.runs.add(took);
	}

	/**
	 * One batch as reported.
	 *
	 * @param table the table
	 * @param rows the rows it deleted
	 */
	record Batch(String table, long rows) {
	}

}
