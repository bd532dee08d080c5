package com.outboundsms.worker.schedule;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the held requests' store and its releaser.
 *
 * @param releaseInterval how often each instance looks for held requests whose time has
 * come
 * @param releaseBatch the most requests one look claims and publishes at once
 * @param lease how long a claim keeps other instances off the requests it took; an
 * instance that dies after claiming leaves them to another once it ends
 * @param countInterval how often the held requests are counted for the gauge
 */
@ConfigurationProperties("outbound-sms.hold")
@Validated
record HoldProperties(@DefaultValue("1s") @DurationMin(millis = 10) Duration releaseInterval,
		@DefaultValue("500") @Positive int releaseBatch, @DefaultValue("1m") @DurationMin(seconds = 1) Duration lease,
		@DefaultValue("15s") @DurationMin(millis = 10) Duration countInterval) {

}
