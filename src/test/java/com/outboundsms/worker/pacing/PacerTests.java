package com.outboundsms.worker.pacing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The pacer spaces permits one interval apart, the first at once, and saves no burst.
 */
class PacerTests {

	@Test
	void givesTheFirstPermitAtOnceAndSpacesTheOthers() throws InterruptedException {
		VirtualTicker ticker = new VirtualTicker();
		Pacer pacer = new Pacer(4, ticker);

		for (int i = 0; i < 5; i++) {
			pacer.acquire();
		}

		assertThat(pacer.permits()).isEqualTo(5);
		assertThat(ticker.sleeps()).containsExactly(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L);
		assertThat(pacer.waited()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void waitsOnlyForWhatIsLeftOfTheInterval() throws InterruptedException {
		VirtualTicker ticker = new VirtualTicker();
		Pacer pacer = new Pacer(10, ticker);

		pacer.acquire();
		ticker.advance(Duration.ofMillis(30));
		pacer.acquire();

		assertThat(ticker.sleeps()).containsExactly(70_000_000L);
	}

	@Test
	void savesNoBurstWhileIdle() throws InterruptedException {
		VirtualTicker ticker = new VirtualTicker();
		Pacer pacer = new Pacer(10, ticker);

		pacer.acquire();
		ticker.advance(Duration.ofSeconds(5));
		pacer.acquire();
		pacer.acquire();

		assertThat(ticker.sleeps()).containsExactly(100_000_000L);
		assertThat(pacer.permits()).isEqualTo(3);
	}

	@Test
	void refusesARateBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Pacer(0, new VirtualTicker()));
	}

}
