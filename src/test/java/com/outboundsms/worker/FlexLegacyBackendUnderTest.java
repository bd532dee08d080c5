package com.outboundsms.worker;

import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.ChatMessage;
import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.proxy.v1.service.Session;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-legacy backend as the scenarios see it at the emulator.
 */
class FlexLegacyBackendUnderTest implements BackendUnderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TwilioEmulator emulator;

	private final TwilioRestClient twilio;

	FlexLegacyBackendUnderTest(TwilioEmulator emulator, TwilioRestClient twilio) {
		this.emulator = emulator;
		this.twilio = twilio;
	}

	@Override
	public String name() {
		return "flex-legacy";
	}

	@Override
	public void prepare(String from) {
		this.emulator.createFlexFlow(from);
	}

	@Override
	public String createPath() {
		return "/flex-api/v1/Channels";
	}

	@Override
	public long createsFor(String to) {
		return this.emulator.requests("POST", createPath())
			.stream()
			.filter((request) -> to.equals(request.form().first("Target")))
			.count();
	}

	@Override
	public long activeOutreachesOf(String to) {
		return this.emulator.sessions()
			.stream()
			.filter((session) -> session.isActive()
					&& session.participants().stream().anyMatch((p) -> p.identifier().equals(to)))
			.count();
	}

	@Override
	public List<String> sidFields() {
		return List.of("flexFlowSid", "chatChannelSid", "proxySessionSid", "taskSid");
	}

	@Override
	public String messageSidField() {
		return "chatMessageSid";
	}

	@Override
	public List<String> messagesOf(JsonNode result) {
		return this.emulator.messages(result.path("chatChannelSid").asString())
			.stream()
			.map(ChatMessage::body)
			.toList();
	}

	@Override
	public Map<String, Object> taskAttributesOf(JsonNode result) {
		String json = this.emulator.task(result.path("taskSid").asString()).orElseThrow().attributesJson();
		return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	@Override
	public void endByAgent(JsonNode result) {
		this.emulator.closeChannel(result.path("chatChannelSid").asString());
	}

	@Override
	public Map.Entry<String, String> flexAlreadyTalks(String from, String to) {
		FlexFlow flow = this.emulator.flows()
			.stream()
			.filter((candidate) -> candidate.contactIdentity().equals(from))
			.findFirst()
			.orElseThrow();
		Channel channel = Channel.creator(flow.sid(), "flex-inbound", "Jane Doe", "SMS" + to)
			.setTarget(to)
			.create(this.twilio);
		// Flex's own session, under a name the worker would not choose, so the worker
		// meets 80604
		Session session = Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName(channel.getSid() + "-inbound")
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(participant(to, from), participant(channel.getSid(), from)))
			.create(this.twilio);
		return Map.entry("proxySessionSid", session.getSid());
	}

	private static Map<String, Object> participant(String identifier, String from) {
		return Map.of("Identifier", identifier, "ProxyIdentifier", from, "FriendlyName", "Jane Doe");
	}

}
