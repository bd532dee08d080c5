package com.outboundsms.worker;

import java.util.Map;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's scenarios on the flex-conversations backend, and what only it does: the
 * Interaction's channel and routing as Twilio receives them.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.backend=flex-conversations",
		"twilio.workspace-sid=" + FlexConversationsScenariosIntegrationTests.WORKSPACE,
		"twilio.workflow-sid=" + FlexConversationsScenariosIntegrationTests.WORKFLOW })
class FlexConversationsScenariosIntegrationTests extends OutreachScenarios {

	static final String WORKSPACE = "WS0123456789abcdef0123456789abcdef";

	static final String WORKFLOW = "WW0123456789abcdef0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TwilioEmulator twilioEmulator;

	@Autowired
	HealthEndpoint health;

	@Override
	protected BackendUnderTest backend() {
		return new FlexConversationsBackendUnderTest(this.twilioEmulator);
	}

	@Test
	void asksForAnAgentInitiatedSmsInteractionRoutedToTheConfiguredWorkflow() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		Map<String, Object> body = RequestBodies.minimal("conversations-shape-1", from, to);
		body.put("taskAttributes", Map.of("customerName", "Mallory", "ticketId", "4711"));

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult("conversations-shape-1");
		String channel = this.twilioEmulator.interaction(result.path("interactionSid").asString())
			.orElseThrow()
			.channelJson();
		String routing = this.twilioEmulator.interaction(result.path("interactionSid").asString())
			.orElseThrow()
			.routingJson();
		assertThat(JSON.readTree(channel)).isEqualTo(JSON.readTree("""
				{"type":"sms","initiated_by":"agent","participants":[{"address":"%s","proxy_address":"%s"}]}"""
			.formatted(to, from)));
		JsonNode properties = JSON.readTree(routing).path("properties");
		assertThat(properties.path("workspace_sid").asString()).isEqualTo(WORKSPACE);
		assertThat(properties.path("workflow_sid").asString()).isEqualTo(WORKFLOW);
		assertThat(properties.path("task_channel_unique_name").asString()).isEqualTo("sms");
		assertThat(backend().taskAttributesOf(result)).containsEntry("customerName", "Jane Doe")
			.containsEntry("customerAddress", to)
			.containsEntry("twilioNumber", from)
			.containsEntry("channelType", "sms")
			.containsEntry("ticketId", "4711");
		assertThat(result.has("chatChannelSid")).isFalse();
		assertThat(result.has("proxySessionSid")).isFalse();
	}

	@Test
	void namesTheBackendInTheHealthDetails() {
		HealthDescriptor twilio = this.health.healthForPath("twilio");

		assertThat(twilio).isInstanceOfSatisfying(IndicatedHealthDescriptor.class,
				(indicated) -> assertThat(indicated.getDetails()).containsEntry("backend", "flex-conversations"));
	}

}
