package com.outboundsms.worker.idempotency;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.ProcessingProperties;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention's settings as the worker binds them: on by default with its documented
 * defaults, off when turned off, and refused at start when they cannot work.
 */
class RetentionSettingsIntegrationTests {

	private static final DataSource NEVER_CONNECTED = new DriverManagerDataSource("jdbc:h2:mem:never-connected");

	private final ApplicationContextRunner worker = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class, RetentionConfiguration.class)
		.withBean(DataSource.class, () -> NEVER_CONNECTED)
		.withBean(NamedParameterJdbcTemplate.class, () -> new NamedParameterJdbcTemplate(NEVER_CONNECTED))
		.withBean(TransactionTemplate.class,
				() -> new TransactionTemplate(new DataSourceTransactionManager(NEVER_CONNECTED)))
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(WorkerMetrics.class, WorkerMetrics::none)
		// no run while a test looks at the context
		.withPropertyValues("outbound-sms.retention.initial-delay=1h");

	@Test
	void runsByDefaultWithTheDocumentedSettings() {
		this.worker.run((context) -> {
			assertThat(context).hasSingleBean(RetentionSchedule.class);
			assertThat(context.getBean(RetentionProperties.class))
				.isEqualTo(new RetentionProperties(true, Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(1),
						1000, Duration.ofMillis(100), Duration.ofMinutes(10)));
		});
	}

	@Test
	void runsNothingWhenTurnedOff() {
		this.worker.withPropertyValues("outbound-sms.retention.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(RetentionSchedule.class).doesNotHaveBean(RetentionRun.class);
		});
	}

	@Test
	void refusesToStartWithAnAgeShorterThanTheDedupeWindow() {
		this.worker.withPropertyValues("outbound-sms.retention.age=12h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("outbound-sms.retention.age")
				.hasMessageContaining("outbound-sms.processing.dedupe-window = PT24H");
		});
	}

	@Test
	void acceptsAShorterAgeWithAShorterDedupeWindow() {
		this.worker.withPropertyValues("outbound-sms.retention.age=12h", "outbound-sms.processing.dedupe-window=12h")
			.run((context) -> assertThat(context).hasSingleBean(RetentionSchedule.class));
	}

	@Test
	void refusesToStartWithABatchSizeBelowOne() {
		this.worker.withPropertyValues("outbound-sms.retention.batch-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("outbound-sms.retention.batch-size");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RetentionProperties.class, ProcessingProperties.class })
	static class Settings {

	}

}
