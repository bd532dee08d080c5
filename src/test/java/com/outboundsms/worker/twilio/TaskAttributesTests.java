package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TaskAttributesTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final String CHANNEL_SID = "CH0123456789abcdef0123456789abcdef";

	private final JsonMapper json = JsonMapper.builder().build();

	private final TaskAttributes attributes = new TaskAttributes(this.json);

	@Test
	void startsWithTheCustomerTheTwilioNumberTheNameAndTheDirection() {
		OutboundSmsRequest request = request("Jane", null, Map.of());

		String written = this.attributes.legacy(request);

		assertThat(written).isEqualTo(
				"{\"to\":\"+14155552671\",\"from\":\"+15005550006\",\"name\":\"Jane\",\"direction\":\"outbound\"}");
	}

	@Test
	void addsTheSourceChannelAfterTheWorkersOwnKeys() {
		OutboundSmsRequest request = request("Jane", CHANNEL_SID, Map.of());

		Map<String, Object> read = read(this.attributes.legacy(request));

		assertThat(read.keySet()).containsExactly("to", "from", "name", "direction", "sourceChatChannelSid");
		assertThat(read).containsEntry("sourceChatChannelSid", CHANNEL_SID);
	}

	@Test
	void mergesTheRequestAttributesAfterTheWorkersOwnKeys() {
		Map<String, Object> extra = Map.of("priority", 5, "tags", List.of("vip", "churn-risk"), "customer",
				Map.of("tier", "gold", "account", Map.of("id", "A-17")));
		OutboundSmsRequest request = request("Jane", CHANNEL_SID, extra);

		Map<String, Object> read = read(this.attributes.legacy(request));

		assertThat(read.keySet()).hasSize(8)
			.startsWith("to", "from", "name", "direction", "sourceChatChannelSid")
			.contains("priority", "tags", "customer");
		assertThat(read).containsEntry("priority", 5)
			.containsEntry("tags", List.of("vip", "churn-risk"))
			.containsEntry("customer", Map.of("tier", "gold", "account", Map.of("id", "A-17")));
	}

	@Test
	void neverLetsTheRequestOverrideTheWorkersOwnKeys() {
		Map<String, Object> extra = Map.of("to", "+19999999999", "from", "+18888888888", "name", "Mallory", "direction",
				"inbound", "campaign", "spring-26");
		OutboundSmsRequest request = request("Jane", null, extra);

		Map<String, Object> read = read(this.attributes.legacy(request));

		assertThat(read).containsExactly(Map.entry("to", "+14155552671"), Map.entry("from", "+15005550006"),
				Map.entry("name", "Jane"), Map.entry("direction", "outbound"), Map.entry("campaign", "spring-26"));
	}

	@Test
	void neverLetsTheRequestSetWhatFlexOrTheWorkerWritesToTieTheTaskToItsOutreach() {
		Map<String, Object> extra = Map.of("conversationSid", "CH-forged", "flexInteractionSid", "KD-forged",
				"flexInteractionChannelSid", "UO-forged", "outboundSmsOutreachId", "forged", "campaign", "spring-26");
		OutboundSmsRequest request = request("Jane", null, extra);

		Map<String, Object> legacy = read(this.attributes.legacy(request));
		Map<String, Object> conversations = this.attributes.conversations(request, "o-1");

		assertThat(legacy)
			.doesNotContainKeys("conversationSid", "flexInteractionSid", "flexInteractionChannelSid",
					"outboundSmsOutreachId")
			.containsEntry("campaign", "spring-26");
		assertThat(conversations)
			.doesNotContainKeys("conversationSid", "flexInteractionSid", "flexInteractionChannelSid")
			.containsEntry("outboundSmsOutreachId", "o-1")
			.containsEntry("campaign", "spring-26");
	}

	@Test
	void marksAnInteractionsTaskWithTheOutreachIdWhenThereIsOne() {
		OutboundSmsRequest request = request("Jane", null, Map.of());

		assertThat(this.attributes.conversations(request, "o-1")).containsEntry("outboundSmsOutreachId", "o-1")
			.containsEntry("customerName", "Jane")
			.containsEntry("channelType", "sms");
		assertThat(this.attributes.conversations(request, "")).doesNotContainKey("outboundSmsOutreachId");
	}

	@Test
	void namesTheTargetWorkerInAChatChannelsTaskForKnownAgentRouting() {
		OutboundSmsRequest request = new OutboundSmsRequest("crm-ticket-4711", PAIR, "Jane", null, null,
				Map.of("targetWorkerSid", "WK-from-attributes"), null, "WK0123456789abcdef0123456789abcdef");

		Map<String, Object> read = read(this.attributes.legacy(request));

		assertThat(read).containsEntry("targetWorkerSid", "WK0123456789abcdef0123456789abcdef");
		assertThat(read(this.attributes.legacy(request("Jane", null, Map.of())))).doesNotContainKey("targetWorkerSid");
	}

	@Test
	void keepsANameWithQuotesEmojiAndNewlinesExactly() {
		String name = "Jane \"JJ\" O'Neil \\ \uD83D\uDC69\u200D\uD83D\uDCBB\nline two\r\n\ttab </script>";
		OutboundSmsRequest request = request(name, null, Map.of());

		Map<String, Object> read = read(this.attributes.legacy(request));

		assertThat(read).containsEntry("name", name);
	}

	@Test
	void buildsTheSameAttributesAsAMapForOtherBackends() {
		OutboundSmsRequest request = request("Jane", CHANNEL_SID, Map.of("direction", "inbound"));

		Map<String, Object> base = this.attributes.base(request);

		assertThat(base).containsExactly(Map.entry("to", "+14155552671"), Map.entry("from", "+15005550006"),
				Map.entry("name", "Jane"), Map.entry("direction", "outbound"),
				Map.entry("sourceChatChannelSid", CHANNEL_SID));
	}

	@Test // #15
	void namesTheRemindersChannelAndTheOutreachOnTheAgentsTaskWhateverTheRequestSays() {
		OutboundSmsRequest request = request("Jane", null,
				Map.of("channelSid", "CH-forged", "channelType", "web", "ticketId", 4711));

		Map<String, Object> read = read(this.attributes.escalation(request, CHANNEL_SID, "o-1"));

		assertThat(read).containsEntry("to", "+14155552671")
			.containsEntry("from", "+15005550006")
			.containsEntry("name", "Jane")
			.containsEntry("direction", "outbound")
			.containsEntry("ticketId", 4711)
			.containsEntry("channelSid", CHANNEL_SID)
			.containsEntry("channelType", "sms")
			.containsEntry("outboundSmsOutreachId", "o-1");
	}

	private Map<String, Object> read(String written) {
		return this.json.readValue(written, new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	private static OutboundSmsRequest request(String toName, @Nullable String source,
			Map<String, Object> taskAttributes) {
		return new OutboundSmsRequest("crm-ticket-4711", PAIR, toName, source, null, taskAttributes, null);
	}

}
