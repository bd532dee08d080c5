package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InteractionParserTests {

	private static final String CHANNEL = "{\"type\":\"sms\",\"initiated_by\":\"agent\",\"participants\":"
			+ "[{\"address\":\"+15551230000\",\"proxy_address\":\"+15559990000\"}]}";

	private static final String ROUTING = "{\"properties\":{\"workspace_sid\":\"WS1\",\"workflow_sid\":\"WW1\","
			+ "\"queue_sid\":\"WQ1\",\"task_channel_unique_name\":\"sms\",\"priority\":5,"
			+ "\"attributes\":{\"direction\":\"outbound\"}}}";

	@Test
	void readsAnAgentInitiatedSmsInteraction() {
		NewInteraction interaction = InteractionParser.parse(form(Map.entry("Channel", CHANNEL),
				Map.entry("Routing", ROUTING), Map.entry("WebhookTtid", "flex_interactionwebhook_1")));

		assertThat(interaction.channelType()).isEqualTo("sms");
		assertThat(interaction.participants()).containsExactly(new MessagingBinding("+15551230000", "+15559990000"));
		assertThat(interaction.channelJson()).isEqualTo(CHANNEL);
		assertThat(interaction.routingJson()).isEqualTo(ROUTING);
		assertThat(interaction.routing()).isEqualTo(new TaskRouting("WS1", "WW1", "WQ1", null, "sms", 5,
				InteractionParser.DEFAULT_TIMEOUT, "{\"direction\":\"outbound\"}"));
		assertThat(interaction.webhookTtid()).isEqualTo("flex_interactionwebhook_1");
		assertThat(interaction.interactionContextSid()).isNull();
	}

	@Test
	void fillsTaskRouterDefaultsAndAcceptsAttributesAsAJsonString() {
		NewInteraction interaction = InteractionParser.parse(form(Map.entry("Channel", CHANNEL),
				Map.entry("Routing", "{\"properties\":{\"workspace_sid\":\"WS1\",\"attributes\":\"{\\\"a\\\":1}\"}}")));

		assertThat(interaction.routing()).isEqualTo(new TaskRouting("WS1", null, null, null,
				InteractionParser.DEFAULT_TASK_CHANNEL, 0, 86400, "{\"a\":1}"));
	}

	@Test
	void routingIsOptional() {
		NewInteraction interaction = InteractionParser.parse(form(Map.entry("Channel", "{\"type\":\"web\"}")));

		assertThat(interaction.routing()).isNull();
		assertThat(interaction.routingJson()).isNull();
		assertThat(interaction.participants()).isEmpty();
	}

	@Test
	void rejectsAMissingOrMalformedChannel() {
		assertRejected(form());
		assertRejected(form(Map.entry("Channel", "not json")));
		assertRejected(form(Map.entry("Channel", "[1]")));
		assertRejected(form(Map.entry("Channel", "{\"initiated_by\":\"agent\"}")));
	}

	@Test
	void rejectsSmsParticipantsWithoutBothAddresses() {
		assertRejected(form(Map.entry("Channel", "{\"type\":\"sms\",\"participants\":[{\"address\":\"+1\"}]}")));
		assertRejected(form(Map.entry("Channel", "{\"type\":\"sms\",\"participants\":[{\"proxy_address\":\"+1\"}]}")));
		assertRejected(form(Map.entry("Channel", "{\"type\":\"sms\",\"participants\":{\"address\":\"+1\"}}")));
		assertRejected(form(Map.entry("Channel", "{\"type\":\"sms\",\"participants\":[\"+1\"]}")));
	}

	@Test
	void rejectsRoutingWithoutWorkspaceOrWithBadProperties() {
		assertRejected(form(Map.entry("Channel", CHANNEL), Map.entry("Routing", "{\"workspace_sid\":\"WS1\"}")));
		assertRejected(form(Map.entry("Channel", CHANNEL), Map.entry("Routing", "{\"properties\":{}}")));
		assertRejected(form(Map.entry("Channel", CHANNEL), Map.entry("Routing", "{properties")));
		assertRejected(form(Map.entry("Channel", CHANNEL),
				Map.entry("Routing", "{\"properties\":{\"workspace_sid\":\"WS1\",\"priority\":\"high\"}}")));
		assertRejected(form(Map.entry("Channel", CHANNEL),
				Map.entry("Routing", "{\"properties\":{\"workspace_sid\":\"WS1\",\"attributes\":[1]}}")));
	}

	private static void assertRejected(Params form) {
		assertThatExceptionOfType(TwilioApiException.class).isThrownBy(() -> InteractionParser.parse(form))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.code()).isEqualTo(20001);
			});
	}

	@SafeVarargs
	private static Params form(Map.Entry<String, String>... fields) {
		Map<String, List<String>> values = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, String> field : fields) {
			values.put(field.getKey(), List.of(field.getValue()));
		}
		return new Params(values);
	}

}
