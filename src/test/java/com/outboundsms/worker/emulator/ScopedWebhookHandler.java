package com.outboundsms.worker.emulator;

import java.util.Map;

/**
 * Serves a conversation's scoped webhooks under
 * {@code /conversations/v1/Conversations/{ConversationSid}/Webhooks}: created (Studio
 * flow or URL), listed, read and deleted.
 */
final class ScopedWebhookHandler {

	private static final String WEBHOOKS = "/conversations/v1/Conversations/{ConversationSid}/Webhooks";

	private final ScopedWebhookBackend backend;

	private final ConversationsViews views;

	ScopedWebhookHandler(ScopedWebhookBackend backend, ConversationsViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("POST", WEBHOOKS, (request) -> ApiResponse.created(this.views.webhook(this.backend
				.create(request.variable("ConversationSid"), ScopedWebhookBackend.Fields.from(request.form())))))
			.add("GET", WEBHOOKS, this::listWebhooks)
			.add("GET", WEBHOOKS + "/{Sid}",
					(request) -> ApiResponse.ok(this.views
						.webhook(this.backend.webhook(request.variable("ConversationSid"), request.variable("Sid")))))
			.add("DELETE", WEBHOOKS + "/{Sid}", (request) -> {
				this.backend.delete(request.variable("ConversationSid"), request.variable("Sid"));
				return ApiResponse.noContent();
			});
	}

	private ApiResponse listWebhooks(ApiRequest request) {
		String conversationSid = request.variable("ConversationSid");
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("webhooks", this.backend.list(conversationSid), this.views::webhook,
					ConversationsViews.conversationUrl(conversationSid) + "/Webhooks", Map.of()));
	}

}
