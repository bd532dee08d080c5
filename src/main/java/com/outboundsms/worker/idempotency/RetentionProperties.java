package com.outboundsms.worker.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of retention: what the store forgets, how old, and how gently it deletes.
 *
 * @param enabled whether retention runs at all
 * @param age how old a request's outcome, a request the HTTP door accepted, or a closed
 * outreach grows before it is deleted; never shorter than the dedupe window
 * @param interval the time between the end of one run and the start of the next, on each
 * instance (the lock lets one instance at a time run)
 * @param initialDelay how long after start the first run begins
 * @param batchSize the most rows one delete statement removes
 * @param pause how long a run waits after each batch that deleted rows, so that it never
 * floods the database
 * @param maxRunTime how long a run may go on taking batches; what is left waits for the
 * next run. The lock is held for at most twice this long, should an instance die mid-run
 */
@ConfigurationProperties("outbound-sms.retention")
@Validated
record RetentionProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30d") @DurationMin(seconds = 1) Duration age,
		@DefaultValue("1h") @DurationMin(millis = 1) Duration interval,
		@DefaultValue("1m") @DurationMin(millis = 0) Duration initialDelay,
		@DefaultValue("1000") @Positive int batchSize, @DefaultValue("100ms") @DurationMin(millis = 0) Duration pause,
		@DefaultValue("10m") @DurationMin(seconds = 1) Duration maxRunTime) {

	/** The setting of the age, as operators write it. */
	static final String AGE = "outbound-sms.retention.age";

	/** The setting of the dedupe window, which the age may not be shorter than. */
	static final String DEDUPE_WINDOW = "outbound-sms.processing.dedupe-window";

	/**
	 * Refuses an age shorter than the dedupe window: a copy of a request that comes back
	 * while its outreach may still be handed out must get the outcome it got first.
	 * @param dedupeWindow the dedupe window in force
	 * @throws InvalidConfigurationPropertyValueException naming both settings, if it is
	 * shorter
	 */
	void requireNoShorterThan(Duration dedupeWindow) {
		if (this.age.compareTo(dedupeWindow) < 0) {
			throw new InvalidConfigurationPropertyValueException(AGE, this.age,
					"it must not be shorter than the dedupe window (" + DEDUPE_WINDOW + " = " + dedupeWindow + "): set "
							+ AGE + " to at least that, or shorten the window");
		}
	}

}
