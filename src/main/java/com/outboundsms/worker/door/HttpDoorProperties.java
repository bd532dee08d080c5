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
 */
@ConfigurationProperties("outbound-sms.http")
public record HttpDoorProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> apiTokens,
		@DefaultValue("true") boolean flexTokens, @DefaultValue List<String> corsOrigins,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("64KB") DataSize maxBodySize) {

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
				+ this.maxWait + ", maxBodySize=" + this.maxBodySize + "]";
	}

}
