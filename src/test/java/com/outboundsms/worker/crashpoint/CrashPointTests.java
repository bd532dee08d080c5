package com.outboundsms.worker.crashpoint;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrashPointTests {

	private final List<Integer> halts = new ArrayList<>();

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	@Test
	void haltsOnThePassAfterTheSkippedOnesOfTheNamedPointOnly() {
		CrashPoint point = point("after-claim", 2);

		point.reached("after-open");
		point.reached("after-claim");
		point.reached("after-claim");
		assertThat(this.halts).isEmpty();

		point.reached("after-claim");

		assertThat(this.halts).containsExactly(CrashPoint.HALT_STATUS);
		assertThat(this.log.toString(StandardCharsets.UTF_8)).isEqualTo("CRASH-POINT after-claim\n");
	}

	@Test
	void withoutAPointNothingHalts() {
		CrashPoint point = point(null, 0);

		point.reached("after-claim");

		assertThat(this.halts).isEmpty();
	}

	private CrashPoint point(String at, int skip) {
		return new CrashPoint(new CrashPointProperties(at, skip), this.halts::add,
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

}
