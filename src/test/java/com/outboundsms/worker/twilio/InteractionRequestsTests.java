package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionRequestsTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	@Test
	void asksForAnAgentInitiatedSmsWithTheCustomerOnTheTwilioNumber() {
		Map<String, Object> channel = requests().channel(request());

		assertThat(channel).containsExactly(Map.entry("type", "sms"), Map.entry("initiated_by", "agent"),
				Map.entry("participants", List.of(Map.of("address", "+14155552671", "proxy_address", "+15005550006"))));
	}

	@Test
	void routesToTheConfiguredWorkflowWithTheOutreachIdInTheTaskAttributes() {
		Map<String, Object> properties = FlexConversationsBackendTests
			.object(requests().routing(request(), "o-1").get("properties"));

		assertThat(properties).containsEntry("workspace_sid", "WS1")
			.containsEntry("workflow_sid", "WW1")
			.containsEntry("task_channel_unique_name", "sms");
		assertThat(FlexConversationsBackendTests.object(properties.get("attributes")))
			.containsEntry("outboundSmsOutreachId", "o-1");
	}

	private static InteractionRequests requests() {
		return new InteractionRequests(
				new TwilioProperties("AC00000000000000000000000000000000", null, null, "token", null, null, "WS1",
						"WW1", "sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(15), 10),
				new TaskAttributes(JsonMapper.builder().build()));
	}

	private static OutboundSmsRequest request() {
		return new OutboundSmsRequest("crm-4711", PAIR, "Jane", Optional.empty(), Optional.empty(), Map.of(),
				Optional.empty());
	}

}
