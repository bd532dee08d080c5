package com.outboundsms.worker;

import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.Conversation;
import com.outboundsms.worker.emulator.ConversationMessage;
import com.outboundsms.worker.emulator.Interaction;
import com.outboundsms.worker.emulator.TwilioEmulator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-conversations backend as the scenarios see it at the emulator.
 */
class FlexConversationsBackendUnderTest implements BackendUnderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TwilioEmulator emulator;

	FlexConversationsBackendUnderTest(TwilioEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	public String name() {
		return "flex-conversations";
	}

	@Override
	public void prepare(String from) {
		// interactions need no per-number setup:
		// the workspace and workflow are configured
	}

	@Override
	public String createPath() {
		return "/flex-api/v1/Interactions";
	}

	@Override
	public long createsFor(String to) {
		return this.emulator.requests("POST", createPath())
			.stream()
			.filter((request) -> String.valueOf(request.form().first("Channel")).contains("\"" + to + "\""))
			.count();
	}

	@Override
	public long activeOutreachesOf(String to) {
		return this.emulator.conversations()
			.stream()
			.filter((conversation) -> !conversation.isClosed() && conversation.participants()
				.stream()
				.anyMatch((participant) -> participant.binding() != null && to.equals(participant.binding().address())))
			.count();
	}

	@Override
	public List<String> sidFields() {
		return List.of("conversationSid", "interactionSid", "interactionChannelSid", "taskSid");
	}

	@Override
	public String messageSidField() {
		return "messageSid";
	}

	@Override
	public List<String> messagesOf(JsonNode result) {
		return this.emulator.conversationMessages(result.path("conversationSid").asString())
			.stream()
			.map(ConversationMessage::body)
			.toList();
	}

	@Override
	public Map<String, Object> taskAttributesOf(JsonNode result) {
		String json = this.emulator.interactionTask(result.path("taskSid").asString()).orElseThrow().attributesJson();
		return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	@Override
	public void endByAgent(JsonNode result) {
		this.emulator.closeConversation(result.path("conversationSid").asString());
	}

	@Override
	public Map.Entry<String, String> flexAlreadyTalks(String from, String to) {
		Conversation conversation = this.emulator.createConversationFor(to, from);
		return Map.entry("conversationSid", conversation.sid());
	}

	/**
	 * The interaction's {@code routing.properties.worker_sid}: agent-initiated routing.
	 */
	@Override
	public Object targetWorkerOf(JsonNode result) {
		return routingOf(result).get("worker_sid");
	}

	/**
	 * The {@code routing.properties} of the interaction a result event names, as Twilio
	 * received them.
	 * @param result the result event
	 * @return the properties
	 */
	Map<String, Object> routingOf(JsonNode result) {
		String routing = this.emulator.interaction(result.path("interactionSid").asString())
			.orElseThrow()
			.routingJson();
		return JSON.convertValue(JSON.readTree(routing).path("properties"), new TypeReference<Map<String, Object>>() {
		});
	}

	/**
	 * The interactions made for the customer, oldest first.
	 * @param to the customer's number
	 * @return the interactions
	 */
	List<Interaction> interactionsOf(String to) {
		return this.emulator.interactions()
			.stream()
			.filter((interaction) -> interaction.channelJson().contains("\"" + to + "\""))
			.toList();
	}

}
