package com.outboundsms.worker.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Flex resources as Twilio does ({@code flex.v1.flex_flow},
 * {@code flex.v1.channel}).
 */
final class FlexViews {

	static final String BASE = "https://flex-api.twilio.com/v1";

	private final String accountSid;

	FlexViews(String accountSid) {
		this.accountSid = accountSid;
	}

	ObjectNode flow(FlexFlow flow) {
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("date_created", TwilioTime.format(flow.created()));
		json.put("date_updated", TwilioTime.format(flow.created()));
		json.put("sid", flow.sid());
		json.put("friendly_name", flow.friendlyName());
		json.put("chat_service_sid", flow.chatServiceSid());
		json.put("channel_type", flow.channelType());
		json.put("contact_identity", flow.contactIdentity());
		json.put("enabled", flow.enabled());
		json.put("integration_type", flow.integrationType());
		json.set("integration", Json.MAPPER.valueToTree(flow.integration()));
		json.put("long_lived", flow.longLived());
		json.put("janitor_enabled", flow.janitorEnabled());
		json.put("url", BASE + "/FlexFlows/" + flow.sid());
		return json;
	}

	ObjectNode channel(FlexChannel channel) {
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("flex_flow_sid", channel.flexFlowSid());
		json.put("sid", channel.sid());
		json.put("user_sid", channel.userSid());
		json.put("task_sid", channel.taskSid());
		json.put("url", BASE + "/Channels/" + channel.sid());
		json.put("date_created", TwilioTime.format(channel.created()));
		json.put("date_updated", TwilioTime.format(channel.created()));
		return json;
	}

}
