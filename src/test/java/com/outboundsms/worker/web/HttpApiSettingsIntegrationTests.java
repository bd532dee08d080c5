package com.outboundsms.worker.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP door's budgets as the worker binds them: refused at start, naming the setting,
 * when they cannot work.
 */
class HttpApiSettingsIntegrationTests {

	private final ApplicationContextRunner worker = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void startsWithTheDefaults() {
		this.worker.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesToStartWithATokenValidationBudgetThatCannotWork() {
		assertRefused("outbound-sms.http.token-validation.concurrency must be positive",
				"outbound-sms.http.token-validation.concurrency=0");
		assertRefused("outbound-sms.http.token-validation.rate must be positive",
				"outbound-sms.http.token-validation.rate=0");
		assertRefused("outbound-sms.http.token-validation.permit-wait must not be negative",
				"outbound-sms.http.token-validation.permit-wait=-1ms");
		assertRefused("outbound-sms.http.token-validation.refused-memory must be positive",
				"outbound-sms.http.token-validation.refused-memory=0s");
	}

	@Test
	void refusesToStartWithClientRefusalsThatCannotWork() {
		assertRefused("outbound-sms.http.client-refusals.limit must be positive",
				"outbound-sms.http.client-refusals.limit=0");
		assertRefused("outbound-sms.http.client-refusals.window must be at least 1s",
				"outbound-sms.http.client-refusals.window=999ms");
	}

	private void assertRefused(String message, String property) {
		this.worker.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HttpApiProperties.class)
	static class Settings {

	}

}
