package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.outboundsms.worker.processing.Lane;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast the worker may call Twilio: an adaptive limit on calls in flight (AIMD: it
 * shrinks by {@code backoffRatio} on each 429 and grows by one per success while it is in
 * use), and per-endpoint rates in requests per second, as Twilio documents them.
 *
 * @param initial the limit on calls in flight at start
 * @param min the least it shrinks to
 * @param max the most it grows to; the listener's consumers follow from it
 * @param backoffRatio what a 429 multiplies the limit by
 * @param permitWait how long a call may wait for a permit (in flight and rate) before it
 * fails as a transient failure, which the broker-side retry takes over
 * @param rateLimitsEnabled whether the per-endpoint rates apply at all
 * @param rates requests per second by endpoint ({@code POST flex-api/v1/Channels}), over
 * the documented defaults; 0 lifts one
 * @param interactiveShare the share of each rate (and of each sender's pace) kept for the
 * interactive lane: a bulk call takes a token only while more than this share of a
 * second's tokens would be left
 * @param bulkPermitWait how long a bulk call may wait for its permits: longer than
 * {@code permitWait}, so that a campaign queues on the rate rather than failing into
 * retries
 */
@ConfigurationProperties("twilio.limits")
@Validated
public record TwilioLimitsProperties(@DefaultValue("10") int initial,
		@DefaultValue("1") @Min(value = 1, message = "twilio.limits.min must be at least 1") int min,
		@DefaultValue("50") int max,
		@DefaultValue("0.9") @Positive(message = "twilio.limits.backoff-ratio must be between 0 and 1") @DecimalMax(
				value = "1", inclusive = false,
				message = "twilio.limits.backoff-ratio must be between 0 and 1") double backoffRatio,
		@DefaultValue("5s") Duration permitWait, @DefaultValue("true") boolean rateLimitsEnabled,
		Map<String, Integer> rates,
		@DefaultValue("0.2") @DecimalMin(value = "0",
				message = "twilio.limits.interactive-share must be between 0 and 1") @DecimalMax(value = "1",
						inclusive = false,
						message = "twilio.limits.interactive-share must be between 0 and 1") double interactiveShare,
		@DefaultValue("60s") Duration bulkPermitWait) {

	/**
	 * Twilio's documented per-endpoint limits: Flex channels 10/s and the Flex Flow list
	 * 10/s (Flex messaging limits), Proxy 30/s per endpoint per service, Interactions
	 * 20/s per endpoint, conversation creates (notify mode) 30/s per Conversations
	 * service.
	 */
	static final Map<String, Integer> DOCUMENTED_RATES = Map.of("POST flex-api/v1/Channels", 10,
			"GET flex-api/v1/FlexFlows", 10, "POST proxy/v1/Services/{sid}/Sessions", 30,
			"POST flex-api/v1/Interactions", 20, "POST conversations/v1/Conversations", 30);

	public TwilioLimitsProperties {
		rates = (rates != null) ? Map.copyOf(rates) : Map.of();
	}

	/**
	 * How long a call of a lane may wait for its permits.
	 * @param lane the lane
	 * @return {@code permitWait} for the interactive lane, {@code bulkPermitWait} for
	 * bulk
	 */
	Duration permitWait(Lane lane) {
		return (lane == Lane.BULK) ? this.bulkPermitWait : this.permitWait;
	}

	@AssertTrue(message = "twilio.limits needs twilio.limits.min <= twilio.limits.initial <= twilio.limits.max")
	boolean isInitialWithinMinAndMax() {
		return this.min <= this.initial && this.initial <= this.max;
	}

	/**
	 * The rates in force: the documented ones with the configured ones over them, none
	 * when rate limits are off.
	 * @return requests per second by endpoint, each positive
	 */
	Map<String, Integer> effectiveRates() {
		if (!this.rateLimitsEnabled) {
			return Map.of();
		}
		Map<String, Integer> effective = new LinkedHashMap<>(DOCUMENTED_RATES);
		effective.putAll(this.rates);
		effective.values().removeIf((rate) -> rate == null || rate <= 0);
		return effective;
	}

}
