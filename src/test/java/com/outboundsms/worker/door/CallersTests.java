package com.outboundsms.worker.door;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallersTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final List<String> asked = new ArrayList<>();

	private final FlexTokens twilio = (token) -> {
		this.asked.add(token);
		if (token.equals("down")) {
			throw new FlexTokensUnavailable("Twilio is down", null);
		}
		return token.startsWith("agent") ? Optional.of(NOW.plusSeconds(3600)) : Optional.empty();
	};

	private final Callers callers = new Callers(List.of("first-token", "second-token"),
			Optional.of(new FlexTokenCache(this.twilio, Clock.fixed(NOW, ZoneOffset.UTC), 10)));

	@Test
	void admitsEveryConfiguredApiTokenAsBearer() {
		assertThat(this.callers.admits("Bearer first-token", Optional.empty())).isTrue();
		assertThat(this.callers.admits("bearer second-token", Optional.empty())).isTrue();
	}

	@Test
	void refusesOtherBearersPrefixesAndEmptyTokens() {
		assertThat(this.callers.admits("Bearer first-toke", Optional.empty())).isFalse();
		assertThat(this.callers.admits("Bearer first-tokenx", Optional.empty())).isFalse();
		assertThat(this.callers.admits("Bearer ", Optional.empty())).isFalse();
		assertThat(this.callers.admits("Basic first-token", Optional.empty())).isFalse();
		assertThat(this.callers.admits(null, Optional.empty())).isFalse();
		assertThat(this.asked).isEmpty();
	}

	@Test
	void noConfiguredTokenMeansNoBearerIsAdmitted() {
		Callers closed = new Callers(List.of(), Optional.empty());

		assertThat(closed.admits("Bearer ", Optional.empty())).isFalse();
		assertThat(closed.admits("Bearer anything", Optional.of("agent-1"))).isFalse();
	}

	@Test
	void admitsAFlexTokenTwilioSaysIsValid() {
		assertThat(this.callers.admits(null, Optional.of("agent-1"))).isTrue();
		assertThat(this.callers.admits("Bearer wrong", Optional.of("someone-else"))).isFalse();
	}

	@Test
	void saysSoWhenTwilioCannotBeAsked() {
		assertThatExceptionOfType(FlexTokensUnavailable.class)
			.isThrownBy(() -> this.callers.admits(null, Optional.of("down")));
	}

}
