package com.outboundsms.worker.emulator;

import java.util.Map;

/**
 * Serves a conversation's participants under
 * {@code /conversations/v1/Conversations/{ConversationSid}/Participants}: added (SMS
 * binding or chat identity), listed, read and removed.
 */
final class ParticipantHandler {

	private static final String PARTICIPANTS = "/conversations/v1/Conversations/{ConversationSid}/Participants";

	private final ParticipantBackend backend;

	private final ConversationsViews views;

	ParticipantHandler(ParticipantBackend backend, ConversationsViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes.add("POST", PARTICIPANTS, this::addParticipant)
			.add("GET", PARTICIPANTS, this::listParticipants)
			.add("GET", PARTICIPANTS + "/{Sid}",
					(request) -> ApiResponse.ok(this.views.participant(
							this.backend.participant(request.variable("ConversationSid"), request.variable("Sid")))))
			.add("DELETE", PARTICIPANTS + "/{Sid}", (request) -> {
				this.backend.remove(request.variable("ConversationSid"), request.variable("Sid"));
				return ApiResponse.noContent();
			});
	}

	private ApiResponse addParticipant(ApiRequest request) {
		Params form = request.form();
		ConversationParticipant participant = this.backend.add(request.variable("ConversationSid"),
				form.first("Identity"), form.first("MessagingBinding.Address"),
				form.first("MessagingBinding.ProxyAddress"), form.first("Attributes"));
		return ApiResponse.created(this.views.participant(participant));
	}

	private ApiResponse listParticipants(ApiRequest request) {
		String conversationSid = request.variable("ConversationSid");
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("participants", this.backend.list(conversationSid), this.views::participant,
					ConversationsViews.conversationUrl(conversationSid) + "/Participants", Map.of()));
	}

}
