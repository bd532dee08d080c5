package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Serves the Chat v2 API: channels and their messages, and a user's channels, under
 * {@code /chat/v2/Services/{ServiceSid}}.
 */
final class ChatHandler {

	private static final String CHANNEL = "/chat/v2/Services/{ServiceSid}/Channels/{Sid}";

	private static final String USER_CHANNELS = "/chat/v2/Services/{ServiceSid}/Users/{UserSid}/Channels";

	private final ChatBackend backend;

	private final ChatViews views;

	ChatHandler(ChatBackend backend, ChatViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("GET", CHANNEL,
					(request) -> ApiResponse.ok(this.views
						.channel(this.backend.channel(request.variable("ServiceSid"), request.variable("Sid")))))
			.add("POST", CHANNEL, this::updateChannel)
			.add("GET", CHANNEL + "/Messages", this::listMessages)
			.add("POST", CHANNEL + "/Messages", this::createMessage)
			.add("GET", USER_CHANNELS, this::listUserChannels);
	}

	private ApiResponse listUserChannels(ApiRequest request) {
		String serviceSid = request.variable("ServiceSid");
		ChatUser user = this.backend.user(serviceSid, request.variable("UserSid"));
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("channels", this.backend.userChannels(user),
					(member) -> this.views.userChannel(user, member,
							this.backend.channel(serviceSid, member.channelSid())),
					ChatViews.userUrl(serviceSid, user.sid()) + "/Channels", Map.of()));
	}

	private ApiResponse updateChannel(ApiRequest request) {
		Params form = request.form();
		ChatChannel channel = this.backend.update(request.variable("ServiceSid"), request.variable("Sid"),
				form.first("Attributes"), form.first("FriendlyName"), form.first("UniqueName"));
		return ApiResponse.ok(this.views.channel(channel));
	}

	private ApiResponse createMessage(ApiRequest request) {
		Params form = request.form();
		ChatMessage message = this.backend.post(request.variable("ServiceSid"), request.variable("Sid"),
				form.first("Body"), form.first("From"), form.first("Attributes"));
		return ApiResponse.created(this.views.message(message));
	}

	private ApiResponse listMessages(ApiRequest request) {
		String serviceSid = request.variable("ServiceSid");
		ChatChannel channel = this.backend.channel(serviceSid, request.variable("Sid"));
		List<ChatMessage> messages = new ArrayList<>(this.backend.messages(serviceSid, channel.sid()));
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
					ChatViews.channelUrl(serviceSid, channel.sid()) + "/Messages", filters));
	}

}
