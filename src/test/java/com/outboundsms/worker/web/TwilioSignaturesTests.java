package com.outboundsms.worker.web;

import java.net.URI;
import java.util.Map;

import com.outboundsms.worker.twilio.TwilioProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TwilioSignaturesTests {

	private static final URI URL = URI.create("https://worker.example.com/v1/twilio/conversation-events");

	private static final Map<String, String> EVENT = Map.of("EventType", "onConversationStateUpdated",
			"ConversationSid", "CH0123456789abcdef0123456789abcdef", "StateTo", "closed");

	@Test // #15
	void acceptsOnlyWhatTheWebhooksTokenSignedForTheConfiguredUrl() {
		TwilioSignatures signatures = TwilioSignatures
			.conversationEvents(new WebhookProperties(URL, "webhook-token"), twilio("account-token"))
			.orElseThrow();

		assertThat(signatures.signed(EVENT, TwilioWebhookSignature.of("webhook-token", URL.toString(), EVENT)))
			.isTrue();
		assertThat(signatures.signed(EVENT, TwilioWebhookSignature.of("account-token", URL.toString(), EVENT)))
			.isFalse();
		assertThat(signatures.signed(EVENT,
				TwilioWebhookSignature.of("webhook-token", "https://elsewhere.example.com/events", EVENT)))
			.isFalse();
		assertThat(signatures.signed(Map.of("StateTo", "closed"),
				TwilioWebhookSignature.of("webhook-token", URL.toString(), EVENT)))
			.isFalse();
		assertThat(signatures.signed(EVENT, null)).isFalse();
		assertThat(signatures.signed(EVENT, "")).isFalse();
	}

	@Test // #15
	void checksWithTheAccountsAuthTokenWhenTheWebhookHasNone() {
		TwilioSignatures signatures = TwilioSignatures
			.conversationEvents(new WebhookProperties(URL, " "), twilio("account-token"))
			.orElseThrow();

		assertThat(signatures.signed(EVENT, TwilioWebhookSignature.of("account-token", URL.toString(), EVENT)))
			.isTrue();
	}

	@Test // #15
	void isOffWithoutAUrl() {
		assertThat(TwilioSignatures.conversationEvents(new WebhookProperties(null, "webhook-token"), twilio(null)))
			.isEmpty();
	}

	@Test // #15
	void refusesToStartWithAUrlButNoTokenToCheckWith() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TwilioSignatures.conversationEvents(new WebhookProperties(URL, null), twilio(null)))
			.withMessageContaining("TWILIO_WEBHOOK_AUTH_TOKEN");
	}

	private static TwilioProperties twilio(@Nullable String authToken) {
		return new TwilioProperties("AC0123456789abcdef0123456789abcdef", "SK0123456789abcdef0123456789abcdef",
				"secret", authToken, null, null, null, null, "sms", null, null, null, 100, null);
	}

}
