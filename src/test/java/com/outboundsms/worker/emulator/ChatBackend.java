package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Applies Programmable Chat's rules: channel lookup by SID or unique name, user lookup by
 * SID or identity, whole-string attribute updates, appending messages, and relaying a
 * posted message as SMS through the channel's active Proxy session, unless the customer
 * opted out. Callers hold the state lock.
 */
final class ChatBackend {

	private final EmulatorState state;

	ChatBackend(EmulatorState state) {
		this.state = state;
	}

	ChatChannel channel(String serviceSid, String sidOrUniqueName) {
		ChatChannel channel = this.state.chat.channel(serviceSid, sidOrUniqueName);
		if (channel == null) {
			throw TwilioApiException.notFound("/v2/Services/" + serviceSid + "/Channels/" + sidOrUniqueName);
		}
		return channel;
	}

	ChatUser user(String serviceSid, String sidOrIdentity) {
		ChatUser user = this.state.chat.user(serviceSid, sidOrIdentity);
		if (user == null) {
			throw TwilioApiException.notFound("/v2/Services/" + serviceSid + "/Users/" + sidOrIdentity);
		}
		return user;
	}

	/** The user's memberships of channels that still exist, oldest first. */
	List<ChatMember> userChannels(ChatUser user) {
		return this.state.chat.memberships(user.sid())
			.stream()
			.filter((member) -> this.state.chat.channel(member.channelSid()) != null)
			.toList();
	}

	ChatChannel update(String serviceSid, String sidOrUniqueName, @Nullable String attributes,
			@Nullable String friendlyName, @Nullable String uniqueName) {
		ChatChannel channel = channel(serviceSid, sidOrUniqueName);
		Instant now = this.state.now();
		if (attributes != null) {
			Json.parse("Attributes", attributes);
			channel = channel.withAttributes(attributes, now);
		}
		if (uniqueName != null && !uniqueName.equals(channel.uniqueName())) {
			ChatChannel holder = this.state.chat.channel(serviceSid, uniqueName);
			if (holder != null && !holder.sid().equals(channel.sid())) {
				throw new TwilioApiException(409, 50307, "Channel with provided unique name already exists");
			}
		}
		if (friendlyName != null || uniqueName != null) {
			channel = channel.withNames((friendlyName != null) ? friendlyName : channel.friendlyName(),
					(uniqueName != null) ? uniqueName : channel.uniqueName(), now);
		}
		this.state.chat.put(channel);
		return channel;
	}

	ChatMessage post(String serviceSid, String sidOrUniqueName, @Nullable String body, @Nullable String from,
			@Nullable String attributes) {
		ChatChannel channel = channel(serviceSid, sidOrUniqueName);
		if (attributes != null) {
			Json.parse("Attributes", attributes);
		}
		Instant now = this.state.now();
		ChatMessage message = new ChatMessage(Sids.next("IM"), serviceSid, channel.sid(), channel.messagesCount(),
				(from != null) ? from : "system", (body != null) ? body : "", attributes, now);
		this.state.chat.add(message);
		this.state.chat.put(channel.withMessagesCount(channel.messagesCount() + 1, now));
		relay(channel, message, now);
		return message;
	}

	List<ChatMessage> messages(String serviceSid, String sidOrUniqueName) {
		return this.state.chat.messages(channel(serviceSid, sidOrUniqueName).sid());
	}

	/**
	 * Proxy listens to the channel and texts the other participant: the one whose
	 * identifier is not the channel itself. It does so after the chat message was
	 * accepted, so a customer who opted out (21610) costs the SMS, not the message.
	 */
	private void relay(ChatChannel channel, ChatMessage message, Instant now) {
		String sessionSid = channel.proxySession();
		ProxySession session = (sessionSid != null) ? this.state.proxy.session(sessionSid) : null;
		if (session == null || !session.isActive()) {
			return;
		}
		session.participants()
			.stream()
			.filter((participant) -> !participant.identifier().equals(channel.sid()))
			.findFirst()
			.ifPresent((phone) -> text(session, channel, phone, message.body(), now));
		this.state.proxy.put(session.withInteraction(now));
	}

	private void text(ProxySession session, ChatChannel channel, ProxyParticipant phone, String body, Instant now) {
		String from = String.valueOf(phone.proxyIdentifier());
		DeliveredSms sms = new DeliveredSms(session.sid(), channel.sid(), phone.identifier(), from, body, now);
		if (this.state.optOuts.blocks(from, phone.identifier())) {
			this.state.chat.add(new RefusedSms(sms, OptOuts.UNSUBSCRIBED));
		}
		else {
			this.state.chat.add(sms);
		}
	}

}
