package com.outboundsms.worker.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionResourcesTests {

	private static final String ACCOUNT = "AC00000000000000000000000000000000";

	private static final String SERVICE = "KS00000000000000000000000000000000";

	private static final String CHANNEL = "CH11111111111111111111111111111111";

	private static final String SESSION = "KC22222222222222222222222222222222";

	private final FunctionResources resources = new FunctionResources(ACCOUNT, SERVICE);

	@Test
	void addsTheChannelAndTheSessionAsTheFunctionAnsweredThem() {
		Map<String, Object> answer = legacy();
		answer.put("flexFlowSid", "FO33333333333333333333333333333333");
		answer.put("taskSid", "WT44444444444444444444444444444444");

		this.resources.addTo(answer);

		assertThat(answer.get("chatChannel")).isEqualTo(Map.of("sid", CHANNEL, "account_sid", ACCOUNT, "flex_flow_sid",
				"FO33333333333333333333333333333333", "task_sid", "WT44444444444444444444444444444444", "url",
				"https://flex-api.twilio.com/v1/Channels/" + CHANNEL));
		assertThat(answer.get("proxySession")).isEqualTo(Map.of("sid", SESSION, "account_sid", ACCOUNT, "service_sid",
				SERVICE, "unique_name", CHANNEL, "mode", "message-only", "status", "open", "url",
				"https://proxy.twilio.com/v1/Services/" + SERVICE + "/Sessions/" + SESSION));
	}

	@Test
	void aSessionAFirstMessageWentThroughIsInProgress() {
		Map<String, Object> answer = legacy();
		answer.put("chatMessageSid", "IM55555555555555555555555555555555");

		this.resources.addTo(answer);

		assertThat(answer.get("proxySession")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("status", "in-progress");
	}

	@Test
	void addsNothingToFailuresOrTheOtherBackend() {
		Map<String, Object> failed = new LinkedHashMap<>(Map.of("backend", "flex-legacy", "outcome", "FAILED"));
		Map<String, Object> conversations = new LinkedHashMap<>(legacy());
		conversations.put("backend", "flex-conversations");

		this.resources.addTo(failed);
		this.resources.addTo(conversations);

		assertThat(failed).doesNotContainKeys("chatChannel", "proxySession");
		assertThat(conversations).doesNotContainKeys("chatChannel", "proxySession");
	}

	private static Map<String, Object> legacy() {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("backend", "flex-legacy");
		answer.put("outcome", "CREATED");
		answer.put("chatChannelSid", CHANNEL);
		answer.put("proxySessionSid", SESSION);
		return answer;
	}

}
