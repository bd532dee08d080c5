package com.outboundsms.worker.enqueue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.outboundsms.worker.pacing.VirtualTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress is one line redrawn in place on a terminal, and a plain line every few seconds
 * elsewhere.
 */
class ProgressTests {

	private final VirtualTicker ticker = new VirtualTicker();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void printsAPlainLineEveryFiveSecondsWhenNotOnATerminal() {
		Progress progress = new Progress(stream(), this.ticker, false, 1000);

		this.ticker.advance(Duration.ofSeconds(2));
		progress.update(200, 0);
		this.ticker.advance(Duration.ofSeconds(3));
		progress.update(500, 1);
		this.ticker.advance(Duration.ofSeconds(1));
		progress.update(600, 1);
		this.ticker.advance(Duration.ofSeconds(4));
		progress.finish(999, 1);

		assertThat(text()).isEqualTo("enqueue: 50% 500/1000 confirmed, 1 failed, 100.0/s\n"
				+ "enqueue: 100% 999/1000 confirmed, 1 failed, 99.9/s\n");
	}

	@Test
	void redrawsOneLineOnATerminal() {
		Progress progress = new Progress(stream(), this.ticker, true, 40);

		this.ticker.advance(Duration.ofMillis(50));
		progress.update(1, 0);
		this.ticker.advance(Duration.ofMillis(50));
		progress.update(10, 0);
		this.ticker.advance(Duration.ofSeconds(1));
		progress.finish(40, 0);

		assertThat(text()).doesNotContain("enqueue:")
			.startsWith("\r[#######.......................]  25% 10/40 confirmed")
			.contains("\r[##############################] 100% 40/40 confirmed, 0 failed")
			.endsWith("\n")
			.containsOnlyOnce("\n");
	}

	private PrintStream stream() {
		return new PrintStream(this.err, true, StandardCharsets.UTF_8);
	}

	private String text() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
