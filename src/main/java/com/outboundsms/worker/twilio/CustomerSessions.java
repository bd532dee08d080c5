package com.outboundsms.worker.twilio;

import java.util.List;
import java.util.Optional;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.chat.v2.service.user.UserChannel;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the conversation Proxy means when it answers that the customer is already in an
 * active session on the number (80604): Proxy cannot list sessions by participant, so it
 * is looked for among the channels of the customer's chat user, whose identity Flex sets
 * to the customer's address in the conversations it makes itself. A channel counts when
 * it is ACTIVE, is a Flex channel, and its Proxy session is active and ties the customer
 * to the number.
 */
class CustomerSessions {

	/** How many of the customer's channels are looked at: the first page of them. */
	static final long CHANNELS_LOOKED_AT = 50;

	private final TwilioRestClient client;

	private final ProxySessions sessions;

	private final JsonMapper json;

	CustomerSessions(TwilioRestClient client, ProxySessions sessions, JsonMapper json) {
		this.client = client;
		this.sessions = sessions;
		this.json = json;
	}

	/**
	 * The customer's open Flex conversation on the request's number.
	 * @param request the request
	 * @param chatServiceSid the chat service Flex's channels are in
	 * @return the conversation, or empty when none of the customer's channels is one
	 */
	Optional<FlexConversation> find(OutboundSmsRequest request, String chatServiceSid) {
		for (UserChannel membership : channelsOf(request.toNumber(), chatServiceSid)) {
			Optional<FlexConversation> conversation = conversation(membership.getChannelSid(), request, chatServiceSid);
			if (conversation.isPresent()) {
				return conversation;
			}
		}
		return Optional.empty();
	}

	private List<UserChannel> channelsOf(String identity, String chatServiceSid) {
		try {
			return UserChannel.reader(chatServiceSid, identity)
				.setPageSize(CHANNELS_LOOKED_AT)
				.firstPage(this.client)
				.getRecords();
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				// no chat user has the customer's address: Flex made no conversation
				return List.of();
			}
			throw TwilioFailures.classify("reading the customer's chat channels", ex);
		}
	}

	private Optional<FlexConversation> conversation(String channelSid, OutboundSmsRequest request,
			String chatServiceSid) {
		Channel chat = TwilioFailures.call("reading the customer's chat channel",
				() -> Channel.fetcher(chatServiceSid, channelSid).fetch(this.client));
		ChatChannelState state = ChatChannelState.of(chat.getSid(), chat.getUniqueName(), chat.getAttributes(),
				this.json);
		String sessionSid = state.proxySession();
		if (!state.isActive() || sessionSid == null || !this.sessions.isActive(sessionSid)
				|| !this.sessions.ties(sessionSid, request.toNumber(), request.fromNumber())) {
			return Optional.empty();
		}
		return flexChannel(channelSid).map((flex) -> new FlexConversation(flex.getFlexFlowSid(), chatServiceSid,
				channelSid, sessionSid, flex.getTaskSid()));
	}

	private Optional<com.twilio.rest.flexapi.v1.Channel> flexChannel(String channelSid) {
		try {
			return Optional.of(com.twilio.rest.flexapi.v1.Channel.fetcher(channelSid).fetch(this.client));
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return Optional.empty();
			}
			throw TwilioFailures.classify("reading the customer's Flex channel", ex);
		}
	}

}
