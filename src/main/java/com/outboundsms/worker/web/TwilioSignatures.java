package com.outboundsms.worker.web;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.twilio.TwilioProperties;
import com.twilio.security.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks the {@code X-Twilio-Signature} of a webhook Twilio posted to one URL, with
 * twilio-java's {@link RequestValidator} and the account's auth token.
 */
final class TwilioSignatures {

	private final String url;

	private final RequestValidator validator;

	private TwilioSignatures(URI url, String authToken) {
		this.url = url.toString();
		this.validator = new RequestValidator(authToken);
	}

	/**
	 * The check of the conversation events webhook, when one is configured.
	 * @param webhooks the webhook settings
	 * @param twilio the Twilio settings, whose auth token serves when the webhook has
	 * none of its own
	 * @return the check, empty when no URL is configured
	 * @throws IllegalStateException when a URL is configured but no auth token is, or the
	 * URL is not absolute
	 */
	static Optional<TwilioSignatures> conversationEvents(WebhookProperties webhooks, TwilioProperties twilio) {
		URI url = webhooks.conversationEventsUrl();
		if (url == null || url.toString().isBlank()) {
			return Optional.empty();
		}
		if (!url.isAbsolute()) {
			throw new IllegalStateException("OUTBOUND_SMS_WEBHOOKS_CONVERSATION_EVENTS_URL "
					+ "(outbound-sms.webhooks.conversation-events-url) must be the absolute URL Twilio calls");
		}
		// Twilio signs with the account's auth token, which a worker on an API key may
		// not otherwise have
		String token = StringUtils.hasText(webhooks.authToken()) ? webhooks.authToken() : twilio.authToken();
		if (!StringUtils.hasText(token)) {
			throw new IllegalStateException("OUTBOUND_SMS_WEBHOOKS_CONVERSATION_EVENTS_URL is set but Twilio's "
					+ "signatures cannot be checked: set TWILIO_WEBHOOK_AUTH_TOKEN to the account's auth token");
		}
		return Optional.of(new TwilioSignatures(url, token));
	}

	/**
	 * Whether Twilio signed these parameters, posted to the configured URL.
	 * @param parameters the form parameters of the body
	 * @param signature the {@code X-Twilio-Signature} header, or {@code null}
	 * @return {@code true} only for a valid signature
	 */
	boolean signed(Map<String, String> parameters, @Nullable String signature) {
		return StringUtils.hasText(signature) && this.validator.validate(this.url, parameters, signature);
	}

}
