package com.outboundsms.worker.idempotency;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.ProcessingProperties;
import com.outboundsms.worker.processing.Sleeper;
import com.outboundsms.worker.processing.WorkerMetrics;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Provides retention, unless {@code outbound-sms.retention.enabled} is false; refuses to
 * start when its age is shorter than the dedupe window.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "outbound-sms.retention", name = "enabled", havingValue = "true", matchIfMissing = true)
class RetentionConfiguration {

	/**
	 * ShedLock's JDBC lock rather than a lock of our own: a row in the store every
	 * instance shares (embedded or PostgreSQL alike), taken and released on the
	 * database's clock, and given up by itself when its holder dies.
	 */
	@Bean
	LockProvider retentionLock(DataSource dataSource) {
		// the process, not only the host: two instances may share a host
		return lockOn(dataSource, ManagementFactory.getRuntimeMXBean().getName());
	}

	/**
	 * The lock in the store's {@code shedlock} table.
	 * @param dataSource the store
	 * @param holder who holds it when taken, for operators reading the table
	 * @return the lock provider
	 */
	static LockProvider lockOn(DataSource dataSource, String holder) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.withLockedByValue(holder)
			.build());
	}

	@Bean
	RetentionRun retentionRun(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			LockProvider retentionLock, RetentionProperties properties, ProcessingProperties processing, Clock clock,
			WorkerMetrics metrics) {
		properties.requireNoShorterThan(processing.dedupeWindow());
		return new RetentionRun(jdbc, transactions, retentionLock, properties, processing.dedupeWindow(), clock,
				Sleeper.threadSleeping(), RetentionMetrics.of(metrics));
	}

	@Bean
	RetentionSchedule retentionSchedule(RetentionRun retentionRun, RetentionProperties properties) {
		return new RetentionSchedule(retentionRun::run, properties);
	}

}
