package com.outboundsms.worker.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the HTTP door. The API tokens are secrets: no defaults, never in
 * {@link #toString()}.
 *
 * @param enabled whether the door is served at all
 * @param apiTokens the static tokens server-to-server callers send as
 * {@code Authorization: Bearer …}; none by default
 * @param flexTokens whether Flex user tokens (validated by Twilio) are accepted
 * @param corsOrigins the browser origins allowed to call the door; none by default
 * @param maxWait the longest {@code wait} a caller may ask for
 * @param maxBodySize the largest request body taken
 * @param tokenValidation the budget of Twilio's Flex token validation
 * @param clientRefusals how often one client may be refused before it is held off
 */
@ConfigurationProperties("outbound-sms.http")
@Validated
public record HttpApiProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> apiTokens,
		@DefaultValue("true") boolean flexTokens, @DefaultValue List<String> corsOrigins,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue @Valid TokenValidation tokenValidation, @DefaultValue @Valid ClientRefusals clientRefusals) {

	public HttpApiProperties {
		// blank entries come from an empty or trailing-comma environment variable; they
		// must never match an empty bearer token
		apiTokens = apiTokens.stream().map(String::trim).filter((token) -> !token.isEmpty()).toList();
		corsOrigins = corsOrigins.stream().map(String::trim).filter((origin) -> !origin.isEmpty()).toList();
	}

	@Override
	public String toString() {
		return "HttpApiProperties[enabled=" + this.enabled + ", apiTokens=" + this.apiTokens.size()
				+ " configured, flexTokens=" + this.flexTokens + ", corsOrigins=" + this.corsOrigins + ", maxWait="
				+ this.maxWait + ", maxBodySize=" + this.maxBodySize + ", tokenValidation=" + this.tokenValidation
				+ ", clientRefusals=" + this.clientRefusals + "]";
	}

	/**
	 * The door's own budget for Twilio's Flex token validation, apart from the limit on
	 * the outreaches' Twilio calls, so that callers of the door can never take a permit
	 * from an outreach.
	 *
	 * @param concurrency validations in flight at once
	 * @param rate validations started per second
	 * @param permitWait how long a call may wait for the budget; then it is answered
	 * {@code 503}
	 * @param refusedMemory how long a token Twilio refused is refused again without
	 * asking
	 */
	public record TokenValidation(
			@DefaultValue("4") @Positive(
					message = "outbound-sms.http.token-validation.concurrency must be positive") int concurrency,
			@DefaultValue("10") @Positive(
					message = "outbound-sms.http.token-validation.rate must be positive") int rate,
			@DefaultValue("1s") @DurationMin(millis = 0,
					message = "outbound-sms.http.token-validation.permit-wait must not be negative") Duration permitWait,
			@DefaultValue("10m") @DurationMin(millis = 0, inclusive = false,
					message = "outbound-sms.http.token-validation.refused-memory must be positive") Duration refusedMemory) {

	}

	/**
	 * A client (by its address) whose calls were refused {@code limit} times within
	 * {@code window} is answered {@code 429} until the window ends; calls with a valid
	 * API token or a Flex token already known valid are never held off.
	 *
	 * @param limit refusals allowed per window
	 * @param window the window
	 */
	public record ClientRefusals(
			@DefaultValue("30") @Positive(
					message = "outbound-sms.http.client-refusals.limit must be positive") int limit,
			@DefaultValue("1m") @DurationMin(seconds = 1,
					message = "outbound-sms.http.client-refusals.window must be at least 1s") Duration window) {

	}

}
