package com.outboundsms.worker.twilio;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio account, credentials and client settings, bound from {@code TWILIO_*}
 * environment variables. Secrets have no defaults and never appear in
 * {@link #toString()}. The account and credentials are checked at binding, so that the
 * worker refuses to start without them; the settings one backend alone needs are checked
 * where the backend is chosen.
 *
 * @param accountSid the account ({@code AC…})
 * @param apiKey an API key SID ({@code SK…}), used with {@code apiSecret}
 * @param apiSecret the API key's secret
 * @param authToken the account's auth token, used when no API key is set
 * @param apiBaseUrl when set, every request goes to {@code {base}/{sub}{path}} instead of
 * {@code https://{sub}.twilio.com{path}}
 * @param proxyServiceSid flex-legacy: the Proxy service ({@code KS…}) sessions are made
 * in
 * @param workspaceSid flex-conversations: the TaskRouter workspace ({@code WS…}) tasks go
 * to
 * @param workflowSid flex-conversations: the workflow ({@code WW…}) that routes the tasks
 * @param taskChannel flex-conversations: the task channel's unique name
 * @param flowRefresh how old the Flex Flow cache may grow before it is read again
 * @param flowMissRefresh the least time between two reads of the flows caused by unknown
 * numbers
 * @param readTimeout how long to wait for Twilio's answer on an open connection
 * @param maxConnections the size of the HTTP connection pool, per Twilio host and in
 * total
 * @param queueSid flex-conversations: the TaskRouter queue ({@code WQ…}) an
 * agent-initiated interaction's task goes to, or {@code null}
 */
@ConfigurationProperties("twilio")
@Validated
public record TwilioProperties(
		@NotBlank(message = "TWILIO_ACCOUNT_SID (twilio.account-sid) is required") String accountSid,
		@Nullable String apiKey, @Nullable String apiSecret, @Nullable String authToken, @Nullable String apiBaseUrl,
		@Nullable String proxyServiceSid, @Nullable String workspaceSid, @Nullable String workflowSid,
		@DefaultValue("sms") String taskChannel, @DefaultValue("10m") Duration flowRefresh,
		@DefaultValue("10s") Duration flowMissRefresh, @DefaultValue("15s") Duration readTimeout,
		@DefaultValue("100") int maxConnections, @Nullable String queueSid) {

	boolean hasApiKey() {
		return StringUtils.hasText(this.apiKey) || StringUtils.hasText(this.apiSecret);
	}

	/** Half an API key is a mistake, never a reason to fall back to the auth token. */
	@AssertTrue(message = "TWILIO_API_KEY and TWILIO_API_SECRET must be set together")
	boolean isApiKeyWhole() {
		return !hasApiKey() || (StringUtils.hasText(this.apiKey) && StringUtils.hasText(this.apiSecret));
	}

	@AssertTrue(
			message = "Twilio credentials are missing: set TWILIO_API_KEY and TWILIO_API_SECRET, or TWILIO_AUTH_TOKEN")
	boolean isCredentialed() {
		return hasApiKey() || StringUtils.hasText(this.authToken);
	}

	@Override
	public String toString() {
		return "TwilioProperties[accountSid=" + this.accountSid + ", apiKey=" + this.apiKey + ", apiSecret="
				+ (StringUtils.hasText(this.apiSecret) ? "******" : "") + ", authToken="
				+ (StringUtils.hasText(this.authToken) ? "******" : "") + ", apiBaseUrl=" + this.apiBaseUrl
				+ ", proxyServiceSid=" + this.proxyServiceSid + ", workspaceSid=" + this.workspaceSid + ", workflowSid="
				+ this.workflowSid + ", taskChannel=" + this.taskChannel + ", queueSid=" + this.queueSid + "]";
	}

}
