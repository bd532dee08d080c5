package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input ends in the dead-letter queue with its reasons and a failed
 * result event, is never retried, and the next good request is still processed.
 */
@WorkerIntegrationTest
class InvalidRequestIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	static Stream<Arguments> badRequests() {
		String from = "+15005550006";
		String to = "+14155552671";
		return Stream.of(Arguments.of("not JSON", "this is not json", new String[] { "body: is not valid JSON" }),
				Arguments.of("truncated JSON", "{\"fromNumber\": \"+1500555",
						new String[] { "body: is not valid JSON" }),
				Arguments.of("a JSON array", "[1, 2]", new String[] { "body: must be a JSON object" }),
				Arguments.of("over 64 KiB", "{\"toName\":\"" + "x".repeat(70_000) + "\"}",
						new String[] { "body: is 70013 bytes" }),
				Arguments.of("missing every required field", "{}",
						new String[] { "fromNumber: is required", "toNumber: is required", "toName: is required" }),
				Arguments.of("invalid numbers and a bad SID",
						json(Map.of("fromNumber", "+15555550100", "toNumber", "12", "toName", "Jane",
								"sourceChatChannelSid", "CH123")),
						new String[] { "fromNumber: is not a valid phone number",
								"toNumber: is not a valid phone number",
								"sourceChatChannelSid: must be CH followed by 32 hex digits" }),
				Arguments.of("the same number twice",
						json(Map.of("fromNumber", from, "toNumber", "+1 500 555 0006", "toName", "Jane")),
						new String[] { "toNumber: must differ from fromNumber" }),
				Arguments.of("fields of the wrong type",
						json(Map.of("fromNumber", 15005550006L, "toNumber", to, "toName", "Jane", "taskAttributes", "x",
								"metadata", java.util.List.of(1))),
						new String[] { "fromNumber: must be a string", "taskAttributes: must be a JSON object",
								"metadata: must be a JSON object" }),
				Arguments.of("a name and message too long",
						json(Map.of("fromNumber", from, "toNumber", to, "toName", "n".repeat(257),
								"initialNotificationMessage", "m".repeat(1601))),
						new String[] { "toName: must be 1 to 256 characters",
								"initialNotificationMessage: must be 1 to 1600" }),
				Arguments.of("metadata over 4 KiB",
						json(Map.of("fromNumber", from, "toNumber", to, "toName", "Jane", "metadata",
								Map.of("blob", "b".repeat(5000)))),
						new String[] { "metadata: is 5011 bytes" }),
				Arguments.of("a duplicate key",
						"{\"fromNumber\":\"" + from + "\",\"toNumber\":\"" + to
								+ "\",\"toName\":\"A\",\"toNumber\":\"+14155550000\"}",
						new String[] { "body: is not valid JSON" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void deadLettersBadInputWithEveryReasonAndAFailedResult(String kind, String body, String[] reasons) {
		String messageId = "bad-" + UUID.randomUUID();
		int twilioCallsBefore = this.emulator.requests().size();

		this.taps.publish(body, messageId);

		Message deadLetter = this.taps.awaitDeadLetter(messageId);
		Map<String, Object> headers = deadLetter.getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "INVALID_REQUEST").containsEntry("x-attempts", 1);
		assertThat((String) headers.get("x-error-message")).contains(reasons);
		assertThat(headers).containsKeys("x-first-attempt-at", "x-last-attempt-at");
		assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(deadLetter.getMessageProperties().getMessageId()).isEqualTo(messageId);
		JsonNode result = this.taps.awaitResult(messageId);
		assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(result.path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(result.path("error").path("retryable").asBoolean()).isFalse();
		assertThat(result.path("error").path("message").asString()).contains(reasons);
		assertThat(result.has("chatChannelSid")).isFalse();
		assertThat(this.taps.deadLetters(messageId)).hasSize(1);
		assertThat(this.emulator.requests().size()).isEqualTo(twilioCallsBefore);

		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String good = "good-after-" + messageId;
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(good, from, TestNumbers.customerNumber())), null);
		assertThat(this.taps.awaitResult(good).path("outcome").asString()).isEqualTo("CREATED");
	}

	@Test
	void namesARequestWithoutAnyIdByItsBodyDigest() {
		String body = "{\"toName\": \"" + UUID.randomUUID() + "\"}";
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");

		this.taps.publish(new Message(body.getBytes(StandardCharsets.UTF_8), properties));

		String digest = "sha256:" + sha256(body);
		assertThat(this.taps.awaitDeadLetter(digest).getMessageProperties().getHeaders()).containsEntry("x-request-id",
				digest);
		assertThat(this.taps.awaitResultMessage(digest).getMessageProperties().getCorrelationId()).isEqualTo(digest);
	}

	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String json(Map<String, Object> body) {
		return RequestBodies.json(new java.util.LinkedHashMap<>(body));
	}

}
