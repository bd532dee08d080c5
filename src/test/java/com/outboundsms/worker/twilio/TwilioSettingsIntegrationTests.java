package com.outboundsms.worker.twilio;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's settings as the worker binds them: refused at start, naming the setting, when
 * the account, the credentials, the limits or the interaction setup wait cannot work.
 */
class TwilioSettingsIntegrationTests {

	private static final String ACCOUNT = "twilio.account-sid=AC0123456789abcdef0123456789abcdef";

	private final ApplicationContextRunner worker = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void startsWithAnAccountAndEitherAnApiKeyOrAnAuthToken() {
		this.worker.withPropertyValues(ACCOUNT, "twilio.auth-token=token")
			.run((context) -> assertThat(context).hasNotFailed());
		this.worker.withPropertyValues(ACCOUNT, "twilio.api-key=SKkey", "twilio.api-secret=key-secret")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesToStartWithoutAccountOrCredentialsOrWithHalfAnApiKey() {
		assertRefused("TWILIO_ACCOUNT_SID (twilio.account-sid) is required", "twilio.auth-token=t");
		assertRefused("TWILIO_AUTH_TOKEN", ACCOUNT);
		assertRefused("TWILIO_API_KEY and TWILIO_API_SECRET must be set together", ACCOUNT, "twilio.api-key=SKkey",
				"twilio.auth-token=token");
		assertRefused("TWILIO_API_KEY and TWILIO_API_SECRET must be set together", ACCOUNT,
				"twilio.api-secret=key-secret", "twilio.auth-token=token");
	}

	@Test
	void interactionSetupWaitsAreBoundedWellUnderTheLease() {
		this.worker.withPropertyValues(ACCOUNT, "twilio.auth-token=t")
			.run((context) -> assertThat(context.getBean(InteractionSetupProperties.class).maxWait())
				.isEqualTo(Duration.ofSeconds(5)));
		assertRefused("twilio.interaction-setup.poll must be positive", ACCOUNT, "twilio.auth-token=t",
				"twilio.interaction-setup.poll=0s");
		assertRefused("twilio.interaction-setup.poll must not be longer than twilio.interaction-setup.max-wait",
				ACCOUNT, "twilio.auth-token=t", "twilio.interaction-setup.poll=2s",
				"twilio.interaction-setup.max-wait=1s");
		assertRefused("max-wait", ACCOUNT, "twilio.auth-token=t", "twilio.interaction-setup.poll=1s",
				"twilio.interaction-setup.max-wait=31s");
	}

	@Test
	void limitsNeedOneAtLeastAndTheInitialLimitBetweenTheLeastAndTheMost() {
		assertRefused("twilio.limits.min must be at least 1", ACCOUNT, "twilio.auth-token=t", "twilio.limits.min=0");
		assertRefused("twilio.limits.min <= twilio.limits.initial <= twilio.limits.max", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.initial=60");
		assertRefused("twilio.limits.min <= twilio.limits.initial <= twilio.limits.max", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.min=20");
		assertRefused("twilio.limits.backoff-ratio must be between 0 and 1", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.backoff-ratio=1");
		assertRefused("twilio.limits.backoff-ratio must be between 0 and 1", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.backoff-ratio=0");
	}

	@Test
	void theInteractiveShareIsAFractionAndBulkWaitsAMinuteByDefault() {
		this.worker.withPropertyValues(ACCOUNT, "twilio.auth-token=t").run((context) -> {
			TwilioLimitsProperties limits = context.getBean(TwilioLimitsProperties.class);
			assertThat(limits.interactiveShare()).isEqualTo(0.2);
			assertThat(limits.bulkPermitWait()).isEqualTo(Duration.ofSeconds(60));
		});
		assertRefused("twilio.limits.interactive-share must be between 0 and 1", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.interactive-share=1");
		assertRefused("twilio.limits.interactive-share must be between 0 and 1", ACCOUNT, "twilio.auth-token=t",
				"twilio.limits.interactive-share=-0.1");
	}

	@Test
	void sendersArePacedByTheirNumberOrByTheDefault() {
		this.worker
			.withPropertyValues(ACCOUNT, "twilio.auth-token=t", "outbound-sms.senders.default.messages-per-second=1",
					"outbound-sms.senders[+15005550006].messages-per-second=0.5",
					"outbound-sms.senders.15005550007.messages-per-second=3")
			.run((context) -> {
				SenderPacingProperties senders = context.getBean(SenderPacingProperties.class);
				assertThat(senders.messagesPerSecond("+15005550006")).hasValue(0.5);
				assertThat(senders.messagesPerSecond("+15005550007")).hasValue(3);
				assertThat(senders.messagesPerSecond("+15005550008")).hasValue(1);
			});
		this.worker.withPropertyValues(ACCOUNT, "twilio.auth-token=t")
			.run((context) -> assertThat(
					context.getBean(SenderPacingProperties.class).messagesPerSecond("+15005550006"))
				.isEmpty());
		assertRefused("outbound-sms.senders.*.messages-per-second must be positive", ACCOUNT, "twilio.auth-token=t",
				"outbound-sms.senders.default.messages-per-second=0");
	}

	private void assertRefused(String message, String... properties) {
		this.worker.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TwilioProperties.class, TwilioLimitsProperties.class,
			InteractionSetupProperties.class, SenderPacingProperties.class })
	static class Settings {

	}

}
