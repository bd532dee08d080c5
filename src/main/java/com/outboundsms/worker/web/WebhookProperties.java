package com.outboundsms.worker.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Settings of the webhooks Twilio calls on the worker. The auth token is a secret: no
 * default, never in {@link #toString()}.
 *
 * @param conversationEventsUrl the URL configured at Twilio for the
 * {@code onConversationStateUpdated} webhook, exactly as Twilio calls it (Twilio signs
 * that URL); {@code null} leaves the webhook off
 * @param authToken the account's auth token, which Twilio signs webhooks with
 * ({@code TWILIO_WEBHOOK_AUTH_TOKEN}); {@code null} or blank to use
 * {@code TWILIO_AUTH_TOKEN}
 */
@ConfigurationProperties("outbound-sms.webhooks")
public record WebhookProperties(@Nullable URI conversationEventsUrl, @Nullable String authToken) {

	@Override
	public String toString() {
		return "WebhookProperties[conversationEventsUrl=" + this.conversationEventsUrl + ", authToken="
				+ (StringUtils.hasText(this.authToken) ? "******" : "") + "]";
	}

}
