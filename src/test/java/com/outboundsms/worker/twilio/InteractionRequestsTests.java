package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionRequestsTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final String WORKER = "WK0123456789abcdef0123456789abcdef";

	private static final String QUEUE = "WQ0123456789abcdef0123456789abcdef";

	@Test
	void asksForAnAgentInitiatedSmsWithTheCustomerOnTheTwilioNumber() {
		Map<String, Object> channel = requests(QUEUE).channel(request(null));

		assertThat(channel).containsExactly(Map.entry("type", "sms"), Map.entry("initiated_by", "agent"),
				Map.entry("participants", List.of(Map.of("address", "+14155552671", "proxy_address", "+15005550006"))));
	}

	@Test
	void routesToTheConfiguredQueueAndTheRequestsWorker() {
		Map<String, Object> properties = FlexConversationsBackendTests
			.object(requests(QUEUE).routing(request(WORKER), "o-1").get("properties"));

		assertThat(properties).containsEntry("workspace_sid", "WS1")
			.containsEntry("workflow_sid", "WW1")
			.containsEntry("queue_sid", QUEUE)
			.containsEntry("worker_sid", WORKER)
			.containsEntry("task_channel_unique_name", "sms");
		assertThat(FlexConversationsBackendTests.object(properties.get("attributes")))
			.containsEntry("outboundSmsOutreachId", "o-1");
	}

	@Test
	void leavesTheQueueAndWorkerToTheWorkflowWhenNeitherIsGiven() {
		Map<String, Object> properties = FlexConversationsBackendTests
			.object(requests(null).routing(request(null), "o-1").get("properties"));

		assertThat(properties).doesNotContainKeys("queue_sid", "worker_sid");
	}

	private static InteractionRequests requests(String queue) {
		return new InteractionRequests(new TwilioProperties("AC00000000000000000000000000000000", null, null, "token",
				null, null, "WS1", "WW1", "sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(15),
				10, queue), new TaskAttributes(JsonMapper.builder().build()));
	}

	private static OutboundSmsRequest request(String targetWorker) {
		return new OutboundSmsRequest("crm-4711", PAIR, "Jane", null, null, Map.of(), null, targetWorker);
	}

}
