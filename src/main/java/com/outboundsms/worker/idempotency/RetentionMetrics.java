package com.outboundsms.worker.idempotency;

import java.time.Duration;
import java.time.Instant;

import com.outboundsms.worker.processing.WorkerMetrics;

/**
 * What retention reports to operators: the rows each batch deleted and each run's end.
 */
interface RetentionMetrics {

	/**
	 * A batch ended.
	 * @param table the table it deleted from
	 * @param rows the rows it deleted (zero when none was left)
	 */
	void deleted(String table, long rows);

	/**
	 * A run ended.
	 * @param ended when
	 * @param took how long it took
	 */
	void ran(Instant ended, Duration took);

	/**
	 * Reports to the worker's metrics.
	 * @param metrics the worker's metrics
	 * @return retention's view of them
	 */
	static RetentionMetrics of(WorkerMetrics metrics) {
		return new RetentionMetrics() {

			@Override
			public void deleted(String table, long rows) {
				metrics.retentionDeleted(table, rows);
			}

			@Override
			public void ran(Instant ended, Duration took) {
				metrics.retentionRan(ended, took);
			}

		};
	}

}
