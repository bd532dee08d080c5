package com.outboundsms.worker.door;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
public record HttpDoorProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> apiTokens,
		@DefaultValue("true") boolean flexTokens, @DefaultValue List<String> corsOrigins,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue TokenValidation tokenValidation, @DefaultValue ClientRefusals clientRefusals) {

	public HttpDoorProperties {
		// blank entries come from an empty or trailing-comma environment variable; they
		// must never match an empty bearer token
		apiTokens = apiTokens.stream().map(String::trim).filter((token) -> !token.isEmpty()).toList();
		corsOrigins = corsOrigins.stream().map(String::trim).filter((origin) -> !origin.isEmpty()).toList();
	}

	@Override
	public String toString() {
		return "HttpDoorProperties[enabled=" + this.enabled + ", apiTokens=" + this.apiTokens.size()
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
	public record TokenValidation(@DefaultValue("4") int concurrency, @DefaultValue("10") int rate,
			@DefaultValue("1s") Duration permitWait, @DefaultValue("10m") Duration refusedMemory) {

		public TokenValidation {
			require(concurrency > 0, "outbound-sms.http.token-validation.concurrency must be positive");
			require(rate > 0, "outbound-sms.http.token-validation.rate must be positive");
			require(!permitWait.isNegative(), "outbound-sms.http.token-validation.permit-wait must not be negative");
			require(!refusedMemory.isNegative() && !refusedMemory.isZero(),
					"outbound-sms.http.token-validation.refused-memory must be positive");
		}

	}

	/**
	 * A client (by its address) whose calls were refused {@code limit} times within
	 * {@code window} is answered {@code 429} until the window ends; calls with a valid
	 * API token or a Flex token already known valid are never held off.
	 *
	 * @param limit refusals allowed per window
	 * @param window the window
	 */
	public record ClientRefusals(@DefaultValue("30") int limit, @DefaultValue("1m") Duration window) {

		public ClientRefusals {
			require(limit > 0, "outbound-sms.http.client-refusals.limit must be positive");
			require(window.toSeconds() >= 1, "outbound-sms.http.client-refusals.window must be at least 1s");
		}

	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
