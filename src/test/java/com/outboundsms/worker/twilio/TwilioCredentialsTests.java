package com.outboundsms.worker.twilio;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
