package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the Conversations v1 API: conversations (created, read, updated, deleted), their
 * messages, and an address's conversations under {@code /conversations/v1}.
 */
final class ConversationsHandler {

	private static final String PREFIX = "/conversations/v1";

	private static final String CONVERSATION = PREFIX + "/Conversations/{Sid}";

	private final ConversationsBackend backend;

	private final MessageBackend messages;

	private final ConversationsViews views;

	ConversationsHandler(ConversationsBackend backend, MessageBackend messages, ConversationsViews views) {
		this.backend = backend;
		this.messages = messages;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("POST", PREFIX + "/Conversations",
					(request) -> ApiResponse
						.created(this.views.conversation(this.backend.create(ConversationFields.from(request.form())))))
			.add("GET", CONVERSATION,
					(request) -> ApiResponse
						.ok(this.views.conversation(this.backend.conversation(request.variable("Sid")))))
			.add("POST", CONVERSATION, this::updateConversation)
			.add("DELETE", CONVERSATION, (request) -> {
				this.backend.delete(request.variable("Sid"));
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/Conversations/{ConversationSid}/Messages", this::listMessages)
			.add("POST", PREFIX + "/Conversations/{ConversationSid}/Messages", this::createMessage)
			.add("GET", PREFIX + "/ParticipantConversations", this::listParticipantConversations);
	}

	private ApiResponse updateConversation(ApiRequest request) {
		Conversation conversation = this.backend.update(request.variable("Sid"),
				ConversationFields.from(request.form()));
		return ApiResponse.ok(this.views.conversation(conversation));
	}

	private ApiResponse createMessage(ApiRequest request) {
		Params form = request.form();
		ConversationMessage message = this.messages.post(request.variable("ConversationSid"), form.first("Body"),
				form.first("Author"), form.first("Attributes"));
		return ApiResponse.created(this.views.message(message));
	}

	private ApiResponse listMessages(ApiRequest request) {
		Conversation conversation = this.backend.conversation(request.variable("ConversationSid"));
		List<ConversationMessage> messages = new ArrayList<>(this.messages.messages(conversation.sid()));
		String order = request.query().first("Order");
		if (order != null && !order.equals("asc") && !order.equals("desc")) {
			throw TwilioApiException.invalidParameter("Order", order);
		}
		if ("desc".equals(order)) {
			Collections.reverse(messages);
		}
		Map<String, String> filters = (order != null) ? Map.of("Order", order) : Map.of();
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("messages", messages, this.views::message,
					ConversationsViews.conversationUrl(conversation.sid()) + "/Messages", filters));
	}

	private ApiResponse listParticipantConversations(ApiRequest request) {
		String address = request.query().first("Address");
		String identity = request.query().first("Identity");
		Map<String, String> filters = new LinkedHashMap<>();
		if (identity != null) {
			filters.put("Identity", identity);
		}
		if (address != null) {
			filters.put("Address", address);
		}
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("conversations", this.backend.participantConversations(address, identity),
					this.views::participantConversation, ConversationsViews.BASE + "/ParticipantConversations",
					filters));
	}

}
