package com.outboundsms.worker.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Schedules retention on every instance at the configured interval, with Spring's
 * scheduler; the run's lock lets one instance at a time delete.
 */
class RetentionSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(RetentionSchedule.class);

	private final Runnable run;

	private final RetentionProperties properties;

	RetentionSchedule(Runnable run, RetentionProperties properties) {
		this.run = run;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(
				new FixedDelayTask(this::runOnce, this.properties.interval(), this.properties.initialDelay()));
	}

	private void runOnce() {
		try {
			this.run.run();
		}
		catch (RuntimeException ex) {
			// one line that says when the next try comes, rather than the scheduler's
			// generic error
			logger.warn("Retention run failed; the next one begins in {}", this.properties.interval(), ex);
		}
	}

}
