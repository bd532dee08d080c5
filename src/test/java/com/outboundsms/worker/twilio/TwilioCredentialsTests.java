package com.outboundsms.worker.twilio;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TwilioCredentialsTests {

	private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

	@Test
	void prefersTheApiKeyOverTheAuthToken() {
		TwilioCredentials credentials = TwilioCredentials.from(properties(ACCOUNT, "SKkey", "key-secret", "token"));

		assertThat(credentials).isEqualTo(new TwilioCredentials("SKkey", "key-secret"));
	}

	@Test
	void usesTheAccountAndAuthTokenWithoutAnApiKey() {
		TwilioCredentials credentials = TwilioCredentials.from(properties(ACCOUNT, null, null, "token"));

		assertThat(credentials).isEqualTo(new TwilioCredentials(ACCOUNT, "token"));
	}

	@Test
	void refusesToStartWithoutAccountOrCredentialsOrWithHalfAnApiKey() {
		assertThatIllegalStateException().isThrownBy(() -> TwilioCredentials.from(properties(null, null, null, "t")))
			.withMessageContaining("TWILIO_ACCOUNT_SID");
		assertThatIllegalStateException()
			.isThrownBy(() -> TwilioCredentials.from(properties(ACCOUNT, null, null, null)))
			.withMessageContaining("TWILIO_AUTH_TOKEN");
		assertThatIllegalStateException()
			.isThrownBy(() -> TwilioCredentials.from(properties(ACCOUNT, "SKkey", null, "token")))
			.withMessageContaining("TWILIO_API_KEY and TWILIO_API_SECRET");
	}

	@Test
	void neverShowsSecretsInText() {
		TwilioProperties properties = properties(ACCOUNT, "SKkey", "canary-secret", "canary-token");

		assertThat(properties.toString()).doesNotContain("canary-secret", "canary-token").contains("SKkey");
		assertThat(TwilioCredentials.from(properties).toString()).doesNotContain("canary-secret");
	}

	private static TwilioProperties properties(String account, String key, String secret, String token) {
		return new TwilioProperties(account, key, secret, token, null, "KS1", null, null, "sms", Duration.ofMinutes(10),
				Duration.ofSeconds(10), Duration.ofSeconds(15), 100, null);
	}

}
