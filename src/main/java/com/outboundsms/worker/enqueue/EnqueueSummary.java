package com.outboundsms.worker.enqueue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.outboundsms.worker.enqueue.ConfirmedPublisher.FailedRow;
import com.outboundsms.worker.enqueue.RequestFile.InvalidRow;

/**
 * What a load did with a file.
 *
 * @param file the file, as named
 * @param format how it was read
 * @param dryRun whether publishing was left out
 * @param rows the rows in the file
 * @param invalid the rows the worker would refuse (nothing is published when there is
 * one)
 * @param published the rows published, each counted once
 * @param confirmed the rows the broker confirmed into a queue
 * @param failed the rows the broker did not take after every attempt
 * @param retries the publishes repeated after a refusal, a return or a missing confirm
 * @param duration how long checking and publishing took
 */
record EnqueueSummary(String file, RequestFileFormat format, boolean dryRun, int rows, List<InvalidRow> invalid,
		int published, int confirmed, List<FailedRow> failed, int retries, Duration duration) {

	/**
	 * Whether the load did all it was asked: every row valid and, unless a dry run, every
	 * row confirmed.
	 * @return {@code true} for exit status 0
	 */
	boolean complete() {
		return this.invalid.isEmpty() && (this.dryRun || this.confirmed == this.rows);
	}

	void print(PrintStream out) {
		out.printf("%s (%s): %d rows, %d valid, %d invalid%n", this.file, this.format.option(), this.rows,
				this.rows - this.invalid.size(), this.invalid.size());
		if (!this.invalid.isEmpty()) {
			this.invalid.forEach(out::println);
			out.println("nothing published: correct the rows above and run again");
			return;
		}
		if (this.dryRun) {
			out.println("dry run: every row is valid; nothing published");
			return;
		}
		double seconds = this.duration.toNanos() / 1e9;
		out.printf(Locale.ROOT, "published %d, confirmed %d, failed %d, invalid 0, retried %d, in %.1f s (%.1f/s)%n",
				this.published, this.confirmed, this.failed.size(), this.retries, seconds,
				(seconds > 0) ? this.confirmed / seconds : 0.0);
		int unpublished = this.rows - this.published;
		if (unpublished > 0) {
			out.printf("not published: %d rows%n", unpublished);
		}
		int unsettled = this.published - this.confirmed - this.failed.size();
		if (unsettled > 0) {
			out.printf("published but not confirmed when the load stopped: %d rows%n", unsettled);
		}
		this.failed.forEach((row) -> out.println("failed: " + row));
	}

}
