package com.outboundsms.worker.enqueue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import com.outboundsms.worker.pacing.Ticker;

/**
 * Shows how far a load got on standard error: one line redrawn in place on a terminal, a
 * plain line every few seconds otherwise (a log, a pipe), and a last line at the end.
 */
class Progress {

	private static final int WIDTH = 30;

	private static final Duration REDRAW = Duration.ofMillis(100);

	private static final Duration LOG_EVERY = Duration.ofSeconds(5);

	private final PrintStream err;

	private final Ticker ticker;

	private final boolean terminal;

	private final int total;

	private final long started;

	private long shownAt;

	/**
	 * Starts showing progress.
	 * @param err where it is shown
	 * @param ticker the time
	 * @param terminal whether {@code err} is a terminal
	 * @param total how many rows there are to publish
	 */
	Progress(PrintStream err, Ticker ticker, boolean terminal, int total) {
		this.err = err;
		this.ticker = ticker;
		this.terminal = terminal;
		this.total = total;
		this.started = ticker.nanoTime();
		this.shownAt = this.started;
	}

	/**
	 * Shows the counts, if it is time to.
	 * @param confirmed rows confirmed so far
	 * @param failed rows failed so far
	 */
	void update(int confirmed, int failed) {
		long now = this.ticker.nanoTime();
		Duration every = this.terminal ? REDRAW : LOG_EVERY;
		if (now - this.shownAt >= every.toNanos()) {
			show(confirmed, failed, now);
		}
	}

	/**
	 * Shows the final counts and ends the line.
	 * @param confirmed rows confirmed
	 * @param failed rows failed
	 */
	void finish(int confirmed, int failed) {
		show(confirmed, failed, this.ticker.nanoTime());
		if (this.terminal) {
			this.err.println();
		}
		this.err.flush();
	}

	private void show(int confirmed, int failed, long now) {
		this.shownAt = now;
		int settled = confirmed + failed;
		double seconds = (now - this.started) / 1e9;
		String rate = (seconds > 0) ? String.format(Locale.ROOT, "%.1f/s", confirmed / seconds) : "-/s";
		int percent = (this.total == 0) ? 100 : (int) (100L * settled / this.total);
		String counts = String.format(Locale.ROOT, "%d/%d confirmed, %d failed, %s", confirmed, this.total, failed,
				rate);
		if (this.terminal) {
			int filled = (this.total == 0) ? WIDTH : (int) ((long) WIDTH * settled / this.total);
			this.err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
					+ String.format(Locale.ROOT, "%3d%% ", percent) + counts + "   ");
		}
		else {
			this.err.println("enqueue: " + percent + "% " + counts);
		}
		this.err.flush();
	}

}
