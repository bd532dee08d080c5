package com.outboundsms.worker.crashpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which crash point halts the worker, and after how many passes.
 *
 * @param at the crash point's name, such as {@code after-claim} or
 * {@code before-twilio:POST flex-api/v1/Channels}
 * @param skip how many times the point is passed before the worker halts on the next
 */
@ConfigurationProperties("outbound-sms.crash-point")
public record CrashPointProperties(@Nullable String at, @DefaultValue("0") int skip) {

	public CrashPointProperties {
		if (skip < 0) {
			throw new IllegalArgumentException("outbound-sms.crash-point.skip must not be negative");
		}
	}

}
