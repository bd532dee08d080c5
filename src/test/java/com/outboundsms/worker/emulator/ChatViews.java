package com.outboundsms.worker.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Chat v2 resources as Twilio does ({@code chat.v2.service.channel},
 * {@code chat.v2.service.channel.message}, {@code chat.v2.service.user.user_channel}).
 */
final class ChatViews {

	static final String BASE = "https://chat.twilio.com/v2";

	private final String accountSid;

	ChatViews(String accountSid) {
		this.accountSid = accountSid;
	}

	static String channelUrl(String serviceSid, String channelSid) {
		return BASE + "/Services/" + serviceSid + "/Channels/" + channelSid;
	}

	ObjectNode channel(ChatChannel channel) {
		String url = channelUrl(channel.serviceSid(), channel.sid());
		ObjectNode json = Json.object();
		json.put("sid", channel.sid());
		json.put("account_sid", this.accountSid);
		json.put("service_sid", channel.serviceSid());
		json.put("friendly_name", channel.friendlyName());
		json.put("unique_name", channel.uniqueName());
		json.put("attributes", channel.attributes());
		json.put("type", channel.type());
		json.put("date_created", TwilioTime.format(channel.created()));
		json.put("date_updated", TwilioTime.format(channel.updated()));
		json.put("created_by", "system");
		json.put("members_count", 0);
		json.put("messages_count", channel.messagesCount());
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("members", url + "/Members");
		links.put("messages", url + "/Messages");
		links.put("invites", url + "/Invites");
		links.put("webhooks", url + "/Webhooks");
		links.putNull("last_message");
		return json;
	}

	ObjectNode message(ChatMessage message) {
		ObjectNode json = Json.object();
		json.put("sid", message.sid());
		json.put("account_sid", this.accountSid);
		json.put("attributes", message.attributes());
		json.put("service_sid", message.serviceSid());
		json.put("to", message.channelSid());
		json.put("channel_sid", message.channelSid());
		json.put("date_created", TwilioTime.format(message.created()));
		json.put("date_updated", TwilioTime.format(message.created()));
		json.putNull("last_updated_by");
		json.put("was_edited", false);
		json.put("from", message.from());
		json.put("body", message.body());
		json.put("index", message.index());
		json.put("type", "text");
		json.putNull("media");
		json.put("url", channelUrl(message.serviceSid(), message.channelSid()) + "/Messages/" + message.sid());
		return json;
	}

	static String userUrl(String serviceSid, String userSid) {
		return BASE + "/Services/" + serviceSid + "/Users/" + userSid;
	}

	/**
	 * A user's membership of a channel, as the user's channel list shows it: joined, with
	 * nothing read yet.
	 */
	ObjectNode userChannel(ChatUser user, ChatMember member, ChatChannel channel) {
		String channelUrl = channelUrl(user.serviceSid(), member.channelSid());
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("service_sid", user.serviceSid());
		json.put("channel_sid", member.channelSid());
		json.put("user_sid", user.sid());
		json.put("member_sid", member.sid());
		json.put("status", "joined");
		json.putNull("last_consumed_message_index");
		json.put("unread_messages_count", channel.messagesCount());
		ObjectNode links = json.putObject("links");
		links.put("channel", channelUrl);
		links.put("member", channelUrl + "/Members/" + member.sid());
		json.put("url", userUrl(user.serviceSid(), user.sid()) + "/Channels/" + member.channelSid());
		json.put("notification_level", "default");
		return json;
	}

}
