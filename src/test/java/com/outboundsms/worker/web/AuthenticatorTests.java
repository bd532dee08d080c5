package com.outboundsms.worker.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthenticatorTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private static final String CLIENT = "198.51.100.7";

	private final String agent = SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(3600));

	private final String down = SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(3600));

	private final List<String> asked = new ArrayList<>();

	private final FlexTokens twilio = (token) -> {
		this.asked.add(token);
		if (token.equals(this.down)) {
			throw new FlexTokensUnavailable("Twilio is down", null);
		}
		return token.equals(this.agent) ? Optional.of(NOW.plusSeconds(3600)) : Optional.empty();
	};

	private final Authenticator callers = new Authenticator(List.of("first-token", "second-token"),
			new FlexTokenCache(new FlexTokenCheck(SampleTokens.ACCOUNT, JsonMapper.builder().build()), this.twilio,
					Clock.fixed(NOW, ZoneOffset.UTC), 10, Duration.ofMinutes(10)),
			new ClientRefusals(new HttpApiProperties.ClientRefusals(3, Duration.ofMinutes(1)), 10));

	@Test
	void admitsEveryConfiguredApiTokenAsBearer() {
		assertThat(this.callers.admit(CLIENT, "Bearer first-token", null)).isEqualTo(Admission.ADMITTED);
		assertThat(this.callers.admit(CLIENT, "bearer second-token", null)).isEqualTo(Admission.ADMITTED);
	}

	@Test
	void refusesOtherBearersPrefixesAndEmptyTokens() {
		Authenticator generous = new Authenticator(List.of("first-token"), null,
				new ClientRefusals(new HttpApiProperties.ClientRefusals(100, Duration.ofMinutes(1)), 10));

		assertThat(generous.admit(CLIENT, "Bearer first-toke", null)).isEqualTo(Admission.REFUSED);
		assertThat(generous.admit(CLIENT, "Bearer first-tokenx", null)).isEqualTo(Admission.REFUSED);
		assertThat(generous.admit(CLIENT, "Bearer ", null)).isEqualTo(Admission.REFUSED);
		assertThat(generous.admit(CLIENT, "Basic first-token", null)).isEqualTo(Admission.REFUSED);
		assertThat(generous.admit(CLIENT, null, null)).isEqualTo(Admission.REFUSED);
		assertThat(this.asked).isEmpty();
	}

	@Test
	void noConfiguredTokenMeansNoBearerIsAdmitted() {
		Authenticator closed = new Authenticator(List.of(), null,
				new ClientRefusals(new HttpApiProperties.ClientRefusals(3, Duration.ofMinutes(1)), 10));

		assertThat(closed.admit(CLIENT, "Bearer ", null)).isEqualTo(Admission.REFUSED);
		assertThat(closed.admit(CLIENT, "Bearer anything", this.agent)).isEqualTo(Admission.REFUSED);
		assertThat(this.asked).isEmpty();
	}

	@Test
	void admitsAFlexTokenTwilioSaysIsValid() {
		assertThat(this.callers.admit(CLIENT, null, this.agent)).isEqualTo(Admission.ADMITTED);
		assertThat(this.callers.admit(CLIENT, "Bearer wrong",
				SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(60))))
			.isEqualTo(Admission.REFUSED);
	}

	@Test
	void holdsOffAClientRefusedTooOftenBeforeLookingAtItsToken() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.callers.admit(CLIENT, "Bearer wrong", null)).isEqualTo(Admission.REFUSED);
		}

		assertThat(this.callers.admit(CLIENT, null, this.agent)).isInstanceOf(Admission.HeldOff.class);
		assertThat(this.callers.admit("198.51.100.8", null, this.agent)).isEqualTo(Admission.ADMITTED);
		assertThat(this.asked).containsExactly(this.agent);
	}

	@Test
	void neverHoldsOffValidCredentials() {
		this.callers.admit(CLIENT, null, this.agent);
		for (int i = 0; i < 3; i++) {
			this.callers.admit(CLIENT, null, "not-a-token");
		}

		assertThat(this.callers.admit(CLIENT, null, "not-a-token")).isInstanceOf(Admission.HeldOff.class);
		assertThat(this.callers.admit(CLIENT, "Bearer first-token", null)).isEqualTo(Admission.ADMITTED);
		assertThat(this.callers.admit(CLIENT, null, this.agent)).isEqualTo(Admission.ADMITTED);
	}

	@Test
	void saysSoWhenTwilioCannotBeAskedAndCountsItAgainstTheClient() {
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(FlexTokensUnavailable.class)
				.isThrownBy(() -> this.callers.admit(CLIENT, null, this.down));
		}

		assertThat(this.callers.admit(CLIENT, null, this.down)).isInstanceOf(Admission.HeldOff.class);
		assertThat(this.asked).containsExactly(this.down, this.down, this.down);
	}

}
