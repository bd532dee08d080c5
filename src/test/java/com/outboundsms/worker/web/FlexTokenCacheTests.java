package com.outboundsms.worker.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlexTokenCacheTests {

	private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant EXPIRATION = START.plus(Duration.ofMinutes(10));

	private static final Duration REFUSED_MEMORY = Duration.ofMinutes(5);

	private final MovingClock clock = new MovingClock(START);

	private final List<String> asked = new ArrayList<>();

	private final List<String> valid = new ArrayList<>();

	private boolean twilioDown;

	private final FlexTokenCache cache = new FlexTokenCache(
			new FlexTokenCheck(SampleTokens.ACCOUNT, JsonMapper.builder().build()), (token) -> {
				this.asked.add(token);
				if (this.twilioDown) {
					throw new FlexTokensUnavailable("Twilio is down", null);
				}
				return this.valid.contains(token) ? Optional.of(EXPIRATION) : Optional.empty();
			}, this.clock, 2, REFUSED_MEMORY);

	@Test
	void asksTwilioOncePerTokenWhileItIsValid() {
		String token = validToken();

		assertThat(this.cache.isKnownValid(token)).isFalse();
		assertThat(this.cache.isValid(token)).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.cache.isValid(token)).isTrue();
		assertThat(this.cache.isKnownValid(token)).isTrue();

		assertThat(this.asked).containsExactly(token);
	}

	@Test
	void refusesATokenOnceItExpiredWithoutAskingAgain() {
		String token = validToken();
		this.cache.isValid(token);
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.cache.isKnownValid(token)).isFalse();
		assertThat(this.cache.isValid(token)).isFalse();
		assertThat(this.asked).containsExactly(token);
	}

	@Test
	void neverAsksAboutATokenTheLocalCheckRefuses() {
		assertThat(this.cache.isValid("unknown-flex-token")).isFalse();
		assertThat(this.cache.isValid(SampleTokens.signed(SampleTokens.ACCOUNT, START.minusSeconds(1)))).isFalse();
		assertThat(this.cache.isValid(SampleTokens.signed(SampleTokens.OTHER_ACCOUNT, EXPIRATION))).isFalse();

		assertThat(this.asked).isEmpty();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void remembersATokenTwilioRefusedForAWhile() {
		String bogus = SampleTokens.signed(SampleTokens.ACCOUNT, START.plus(Duration.ofHours(1)));

		assertThat(this.cache.isValid(bogus)).isFalse();
		this.clock.advance(REFUSED_MEMORY.minusSeconds(1));
		assertThat(this.cache.isValid(bogus)).isFalse();
		assertThat(this.cache.isKnownValid(bogus)).isFalse();
		assertThat(this.asked).containsExactly(bogus);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.isValid(bogus)).isFalse();
		assertThat(this.asked).containsExactly(bogus, bogus);
	}

	@Test
	void remembersNothingWhenTwilioCouldNotBeAsked() {
		String token = validToken();
		this.twilioDown = true;

		assertThatExceptionOfType(FlexTokensUnavailable.class).isThrownBy(() -> this.cache.isValid(token));
		this.twilioDown = false;
		assertThat(this.cache.isValid(token)).isTrue();
		assertThat(this.asked).containsExactly(token, token);
	}

	@Test
	void staysWithinItsCapacity() {
		this.cache.isValid(validToken());
		this.cache.isValid(validToken());
		this.cache.isValid(validToken());

		assertThat(this.cache.size()).isLessThanOrEqualTo(2);
	}

	private String validToken() {
		String token = SampleTokens.signed(SampleTokens.ACCOUNT, EXPIRATION);
		this.valid.add(token);
		return token;
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
