package com.outboundsms.worker;

import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.ChatMessage;
import com.outboundsms.worker.emulator.TwilioEmulator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-legacy backend as the scenarios see it at the emulator.
 */
class FlexLegacyBackendUnderTest implements BackendUnderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TwilioEmulator emulator;

	FlexLegacyBackendUnderTest(TwilioEmulator emulator) {
		this.emulator = emulator;
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
		// the customer texted first: Flex's own conversation, on the number's Studio flow
		return Map.entry("proxySessionSid", this.emulator.seedInboundConversation(from, to).sessionSid());
	}

}
