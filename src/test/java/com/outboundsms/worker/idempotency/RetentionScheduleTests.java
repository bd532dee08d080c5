package com.outboundsms.worker.idempotency;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RetentionScheduleTests {

	private final AtomicInteger runs = new AtomicInteger();

	private final RetentionProperties settings = new RetentionProperties(true, Duration.ofDays(30),
			Duration.ofMinutes(30), Duration.ofSeconds(5), 1000, Duration.ZERO, Duration.ofMinutes(10));

	@Test
	void runsAtTheIntervalAfterTheInitialDelay() {
		IntervalTask task = scheduled(new RetentionSchedule(this.runs::incrementAndGet, this.settings));

		task.getRunnable().run();

		assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(30));
		assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void aFailedRunLeavesTheNextOneToTheSchedule() {
		IntervalTask task = scheduled(new RetentionSchedule(() -> {
			this.runs.incrementAndGet();
			throw new DataAccessResourceFailureException("the store is away");
		}, this.settings));

		assertThatCode(task.getRunnable()::run).doesNotThrowAnyException();
		assertThatCode(task.getRunnable()::run).doesNotThrowAnyException();

		assertThat(this.runs).hasValue(2);
	}

	private static IntervalTask scheduled(RetentionSchedule schedule) {
		ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
		schedule.configureTasks(registrar);
		assertThat(registrar.getFixedDelayTaskList()).hasSize(1);
		return registrar.getFixedDelayTaskList().get(0);
	}

}
