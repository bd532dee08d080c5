package com.outboundsms.worker.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook signature, checked with twilio-java's own validator: keyed by the auth
 * token, over the full URL and the parameters in name order whatever order they come in.
 */
class TwilioSignatureTests {

	private static final String URL = "https://receiver.example.com/twilio/state?tenant=a";

	@Test
	void twilioJavasValidatorAcceptsTheSignatureOfTheSameUrlParametersAndToken() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("StateTo", "closed");
		parameters.put("ConversationSid", "CH0123456789abcdef0123456789abcdef");
		parameters.put("EventType", "onConversationStateUpdated");
		parameters.put("DateUpdated", "2026-12-01T09:10:00Z");

		String signature = TwilioSignature.of("token-1", URL, parameters);

		assertThat(new RequestValidator("token-1").validate(URL, parameters, signature)).isTrue();
		assertThat(new RequestValidator("token-2").validate(URL, parameters, signature)).isFalse();
		assertThat(new RequestValidator("token-1").validate(URL.replace("tenant=a", "tenant=b"), parameters, signature))
			.isFalse();
		assertThat(new RequestValidator("token-1").validate(URL, Map.of("StateTo", "inactive"), signature)).isFalse();
	}

	@Test
	void parameterOrderDoesNotChangeTheSignature() {
		Map<String, String> oneOrder = new LinkedHashMap<>();
		oneOrder.put("B", "2");
		oneOrder.put("A", "1");

		assertThat(TwilioSignature.of("token", URL, oneOrder))
			.isEqualTo(TwilioSignature.of("token", URL, Map.of("A", "1", "B", "2")))
			.isNotEqualTo(TwilioSignature.of("token", URL, Map.of("A", "2", "B", "1")));
	}

}
