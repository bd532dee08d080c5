package com.outboundsms.worker.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetentionPropertiesTests {

	@Test
	void refusesAnAgeShorterThanTheDedupeWindowNamingBothSettings() {
		RetentionProperties twelveHours = RetentionContract.settings(Duration.ofHours(12), 1000);

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> twelveHours.requireNoShorterThan(Duration.ofHours(24)))
			.withMessageContaining("outbound-sms.retention.age")
			.withMessageContaining("outbound-sms.processing.dedupe-window");
	}

	@Test
	void acceptsAnAgeAsLongAsTheDedupeWindowOrLonger() {
		assertThatCode(
				() -> RetentionContract.settings(Duration.ofHours(24), 1000).requireNoShorterThan(Duration.ofHours(24)))
			.doesNotThrowAnyException();
		assertThatCode(
				() -> RetentionContract.settings(Duration.ofDays(30), 1000).requireNoShorterThan(Duration.ofHours(24)))
			.doesNotThrowAnyException();
	}

}
