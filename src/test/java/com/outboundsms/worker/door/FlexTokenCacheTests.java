package com.outboundsms.worker.door;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlexTokenCacheTests {

	private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private final MovingClock clock = new MovingClock(START);

	private final List<String> asked = new ArrayList<>();

	private final FlexTokenCache cache = new FlexTokenCache((token) -> {
		this.asked.add(token);
		return token.startsWith("valid") ? Optional.of(START.plus(Duration.ofMinutes(10))) : Optional.empty();
	}, this.clock, 2);

	@Test
	void asksTwilioOncePerTokenWhileItIsValid() {
		assertThat(this.cache.isValid("valid-1")).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.cache.isValid("valid-1")).isTrue();

		assertThat(this.asked).containsExactly("valid-1");
	}

	@Test
	void asksAgainOnceTheTokenExpiredAndRefusesIt() {
		this.cache.isValid("valid-1");
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.cache.isValid("valid-1")).isFalse();
		assertThat(this.asked).containsExactly("valid-1", "valid-1");
	}

	@Test
	void remembersNeitherInvalidTokensNorTokensAsTheyAre() {
		assertThat(this.cache.isValid("bad")).isFalse();
		assertThat(this.cache.isValid("bad")).isFalse();

		assertThat(this.asked).containsExactly("bad", "bad");
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void staysWithinItsCapacity() {
		this.cache.isValid("valid-1");
		this.cache.isValid("valid-2");
		this.cache.isValid("valid-3");

		assertThat(this.cache.size()).isLessThanOrEqualTo(2);
		assertThat(this.cache.isValid("valid-3")).isTrue();
	}

	/** A clock the test moves. */
	static final class MovingClock extends Clock {

		private Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
