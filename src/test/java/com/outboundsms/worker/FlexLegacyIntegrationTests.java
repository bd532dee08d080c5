package com.outboundsms.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.FlexChannel;
import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.ProxySession;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flex-legacy sequence end to end: requests in, Flex channel and Proxy session at the
 * emulator, result events out, rows in the store.
 */
@WorkerIntegrationTest
class FlexLegacyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createsChannelSessionAndFirstMessageForARequestWithEveryField() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("every-field-1", from, to);
		body.put("sourceChatChannelSid", "CH0123456789abcdef0123456789abcdef");
		body.put("initialNotificationMessage", "Hello from the clinic");
		body.put("taskAttributes", Map.of("ticketId", 4711, "priority", "high"));
		body.put("metadata", Map.of("campaign", "flu-2026", "ticketId", "4711"));

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult("every-field-1");
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("backend").asString()).isEqualTo("flex-legacy");
		assertThat(result.path("fromNumber").asString()).isEqualTo(from);
		assertThat(result.path("toNumber").asString()).isEqualTo(to);
		assertThat(result.path("flexFlowSid").asString()).isEqualTo(flow.sid());
		assertThat(result.path("metadata"))
			.isEqualTo(JSON.valueToTree(Map.of("campaign", "flu-2026", "ticketId", "4711")));
		assertThat(result.path("attempts").asInt()).isEqualTo(1);
		assertThat(result.has("error")).isFalse();
		String channelSid = result.path("chatChannelSid").asString();
		FlexChannel channel = onlyChannelOf(flow, to);
		assertThat(channel.sid()).isEqualTo(channelSid);
		assertThat(result.path("taskSid").asString()).isEqualTo(channel.taskSid());
		ProxySession session = this.emulator.session(result.path("proxySessionSid").asString()).orElseThrow();
		assertThat(session.uniqueName()).isEqualTo(channelSid);
		assertThat(session.mode()).isEqualTo("message-only");
		assertThat(session.participants()).extracting((participant) -> participant.identifier())
			.containsExactlyInAnyOrder(to, channelSid);
		assertThat(session.participants()).allSatisfy((participant) -> {
			assertThat(participant.proxyIdentifier()).isEqualTo(from);
			assertThat(participant.friendlyName()).isNull();
		});
		assertThat(this.emulator.messages(channelSid)).singleElement().satisfies((message) -> {
			assertThat(message.sid()).isEqualTo(result.path("chatMessageSid").asString());
			assertThat(message.body()).isEqualTo("Hello from the clinic");
		});
		assertThat(this.emulator.deliveredSms()).filteredOn((sms) -> sms.to().equals(to))
			.singleElement()
			.satisfies((sms) -> assertThat(sms.body()).isEqualTo("Hello from the clinic"));
		Map<String, Object> attributes = taskAttributes(channel);
		assertThat(attributes).containsEntry("to", to)
			.containsEntry("from", from)
			.containsEntry("name", "Jane Doe")
			.containsEntry("direction", "outbound")
			.containsEntry("sourceChatChannelSid", "CH0123456789abcdef0123456789abcdef")
			.containsEntry("ticketId", 4711)
			.containsEntry("priority", "high");
		assertThat(storedState(from, to)).isEqualTo("OPEN");
		assertThat(this.emulator.requests()).filteredOn((request) -> request.form().all("Target").contains(to))
			.allSatisfy((request) -> assertThat(request.username()).isEqualTo(IsolatedRun.API_KEY));
	}

	@Test
	void keepsTheWorkersOwnTaskAttributesWhateverTheRequestSays() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("override-1", from, to);
		Map<String, Object> overrides = new LinkedHashMap<>();
		overrides.put("to", "+19999999999");
		overrides.put("from", "someone else");
		overrides.put("name", "Mallory");
		overrides.put("direction", "inbound");
		overrides.put("extra", Map.of("nested", List.of(1, 2)));
		body.put("taskAttributes", overrides);

		this.taps.publish(RequestBodies.json(body), null);

		this.taps.awaitResult("override-1");
		assertThat(taskAttributes(onlyChannelOf(flow, to))).containsEntry("to", to)
			.containsEntry("from", from)
			.containsEntry("name", "Jane Doe")
			.containsEntry("direction", "outbound")
			.containsEntry("extra", Map.of("nested", List.of(1, 2)));
	}

	@Test
	void passesANameWithQuotesEmojiAndNewlinesIntactIntoTheTaskAttributes() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		FlexFlow flow = this.emulator.createFlexFlow(from);
		String name = "Zoë \"Zee\" O'Brien 🚀\nsecond line\t\\ end";
		Map<String, Object> body = RequestBodies.minimal("name-1", from, to);
		body.put("toName", name);

		this.taps.publish(RequestBodies.json(body), null);

		this.taps.awaitResult("name-1");
		FlexChannel channel = onlyChannelOf(flow, to);
		assertThat(taskAttributes(channel)).containsEntry("name", name);
		assertThat(this.emulator.chatChannel(channel.sid()).orElseThrow().friendlyName()).isEqualTo("SMS" + to);
	}

	private FlexChannel onlyChannelOf(FlexFlow flow, String to) {
		List<FlexChannel> channels = this.emulator.flexChannels()
			.stream()
			.filter((channel) -> channel.flexFlowSid().equals(flow.sid()) && to.equals(channel.target()))
			.toList();
		assertThat(channels).hasSize(1);
		return channels.get(0);
	}

	private Map<String, Object> taskAttributes(FlexChannel channel) {
		String json = this.emulator.task(channel.taskSid()).orElseThrow().attributesJson();
		return JSON.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
		});
	}

	private List<ProxySession> sessionsWith(String customer) {
		return this.emulator.sessions()
			.stream()
			.filter((session) -> session.participants().stream().anyMatch((p) -> p.identifier().equals(customer)))
			.toList();
	}

	private long creates(String customer, String path) {
		return this.emulator.requests("POST", path)
			.stream()
			.filter((request) -> customer.equals(request.form().first("Target")))
			.count();
	}

	private String storedState(String from, String to) {
		return this.jdbc.sql("SELECT state FROM outreach WHERE from_number = ? AND to_number = ?")
			.params(from, to)
			.query(String.class)
			.single();
	}

}
