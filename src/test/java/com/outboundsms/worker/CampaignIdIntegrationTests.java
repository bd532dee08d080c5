package com.outboundsms.worker;

import java.util.Map;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's campaignId comes back in its result event and, when it fails, on its dead
 * letter; one outside the rule makes the request invalid, with the field's error.
 */
@WorkerIntegrationTest
class CampaignIdIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Test
	void echoesTheCampaignIdInTheResultEvent() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("campaign-1", from, TestNumbers.customerNumber());
		body.put("campaignId", "spring-2027:wave_1");

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult("campaign-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("campaignId").asString()).isEqualTo("spring-2027:wave_1");
	}

	@Test
	void leavesTheCampaignIdOutOfTheResultEventOfARequestWithoutOne() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);

		this.taps.publish(
				RequestBodies.json(RequestBodies.minimal("no-campaign-1", from, TestNumbers.customerNumber())), null);

		assertThat(this.taps.awaitResult("no-campaign-1").has("campaignId")).isFalse();
	}

	@Test
	void deadLettersARequestWhoseCampaignIdBreaksTheRuleWithTheFieldsError() {
		Map<String, Object> body = RequestBodies.minimal("campaign-invalid-1", TestNumbers.twilioNumber(),
				TestNumbers.customerNumber());
		body.put("campaignId", "spring sale 2027");

		this.taps.publish(RequestBodies.json(body), null);

		Map<String, Object> headers = this.taps.awaitDeadLetter("campaign-invalid-1")
			.getMessageProperties()
			.getHeaders();
		assertThat(headers).containsEntry("x-error-code", "INVALID_REQUEST")
			.containsEntry("x-error-message",
					"invalid request: campaignId: must be 1 to 64 characters of A-Z a-z 0-9 . _ : -")
			.doesNotContainKey("x-campaign-id");
		JsonNode result = this.taps.awaitResult("campaign-invalid-1");
		assertThat(result.path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(result.has("campaignId")).isFalse();
	}

	@Test
	void marksTheDeadLetterAndTheFailedResultOfAFailedRequestWithItsCampaignId() {
		// no Flex Flow has this number: a permanent failure of a valid request
		Map<String, Object> body = RequestBodies.minimal("campaign-failed-1", TestNumbers.twilioNumber(),
				TestNumbers.customerNumber());
		body.put("campaignId", "spring-2027");

		this.taps.publish(RequestBodies.json(body), null);

		assertThat(this.taps.awaitDeadLetter("campaign-failed-1").getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "FLEX_FLOW_NOT_FOUND")
			.containsEntry("x-campaign-id", "spring-2027")
			.containsEntry("x-lane", "interactive");
		JsonNode result = this.taps.awaitResult("campaign-failed-1");
		assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(result.path("campaignId").asString()).isEqualTo("spring-2027");
	}

}
