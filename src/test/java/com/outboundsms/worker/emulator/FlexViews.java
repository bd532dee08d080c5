package com.outboundsms.worker.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Flex resources as Twilio does ({@code flex.v1.flex_flow},
 * {@code flex.v1.channel}, {@code flex.v1.configuration}).
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

	/**
	 * The account's Flex configuration: the TaskRouter and Chat resources Flex set up,
	 * and what a fresh Flex account shows for the rest (every field of the spec, most of
	 * them unset).
	 */
	ObjectNode configuration(FlexInstance flex, String chatServiceSid) {
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("date_created", TwilioTime.format(flex.created()));
		json.put("date_updated", TwilioTime.format(flex.created()));
		json.putObject("attributes");
		json.put("status", "ok");
		json.put("taskrouter_workspace_sid", flex.workspaceSid());
		json.put("taskrouter_target_workflow_sid", flex.workflowSid());
		json.put("taskrouter_target_taskqueue_sid", flex.taskQueueSid());
		ObjectNode queue = json.putArray("taskrouter_taskqueues").addObject();
		queue.put("sid", flex.taskQueueSid());
		queue.put("targettable", true);
		json.putArray("taskrouter_skills");
		json.putNull("taskrouter_worker_channels");
		json.putNull("taskrouter_worker_attributes");
		json.putNull("taskrouter_offline_activity_sid");
		json.put("runtime_domain", "https://flex.twilio.com");
		json.putNull("messaging_service_instance_sid");
		json.put("chat_service_instance_sid", chatServiceSid);
		json.put("flex_service_instance_sid", chatServiceSid);
		json.putNull("flex_instance_sid");
		json.put("ui_language", "en");
		json.putObject("ui_attributes");
		json.putObject("ui_dependencies");
		json.put("ui_version", "1.0");
		json.put("service_version", "1.0");
		json.put("call_recording_enabled", false);
		json.putNull("call_recording_webhook_url");
		json.put("crm_enabled", false);
		for (String unset : new String[] { "crm_type", "crm_callback_url", "crm_fallback_url", "crm_attributes",
				"public_attributes", "plugin_service_attributes", "outbound_call_flows", "queue_stats_configuration",
				"notifications", "markdown", "flex_insights_hr", "debugger_integration", "flex_ui_status_report",
				"agent_conv_end_methods", "citrix_voice_vdi", "offline_config" }) {
			json.putNull(unset);
		}
		json.put("plugin_service_enabled", false);
		json.putArray("integrations");
		json.putArray("serverless_service_sids");
		json.put("url", BASE + "/Configuration");
		json.put("flex_insights_drilldown", false);
		json.put("flex_url", "https://flex.twilio.com");
		json.putArray("channel_configs");
		return json;
	}

}
