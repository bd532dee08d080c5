package com.outboundsms.worker.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LaneTests {

	@Test
	void aThreadOutsideARequestIsInteractive() {
		assertThat(Lane.current()).isEqualTo(Lane.INTERACTIVE);
	}

	@Test
	void theLaneHoldsWhileTheWorkRunsAndNotAfter() {
		Lane during = Lane.BULK.run(Lane::current);
		assertThat(during).isEqualTo(Lane.BULK);
		assertThat(Lane.current()).isEqualTo(Lane.INTERACTIVE);
	}

	@Test
	void aNestedLaneGivesWayToTheOuterOneWhenItEnds() {
		Lane afterInner = Lane.BULK.run(() -> {
			assertThat(Lane.INTERACTIVE.run(Lane::current)).isEqualTo(Lane.INTERACTIVE);
			return Lane.current();
		});
		assertThat(afterInner).isEqualTo(Lane.BULK);
	}

	@Test
	void workThatFailsLeavesNoLaneBehind() {
		assertThatIllegalStateException().isThrownBy(() -> Lane.BULK.run(() -> {
			throw new IllegalStateException("failed");
		}));
		assertThat(Lane.current()).isEqualTo(Lane.INTERACTIVE);
	}

}
