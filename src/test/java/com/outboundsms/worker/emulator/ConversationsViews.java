package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Flex Conversations resources as Twilio does ({@code flex.v1.interaction},
 * {@code flex.v1.interaction.interaction_channel}, {@code conversations.v1.conversation},
 * {@code conversations.v1.conversation.conversation_message},
 * {@code conversations.v1.conversation.conversation_participant},
 * {@code conversations.v1.conversation.conversation_scoped_webhook},
 * {@code conversations.v1.participant_conversation}).
 */
final class ConversationsViews {

	static final String BASE = "https://conversations.twilio.com/v1";

	private final String accountSid;

	private final EmulatorState state;

	ConversationsViews(EmulatorState state) {
		this.state = state;
		this.accountSid = state.accountSid();
	}

	static String conversationUrl(String conversationSid) {
		return BASE + "/Conversations/" + conversationSid;
	}

	ObjectNode interaction(Interaction interaction) {
		String url = FlexViews.BASE + "/Interactions/" + interaction.sid();
		ObjectNode json = Json.object();
		json.put("sid", interaction.sid());
		ObjectNode channel = json.putObject("channel");
		channel.put("type", interaction.channelType());
		channel.put("sid", interaction.channelSid());
		InteractionTask task = (interaction.taskSid() != null) ? this.state.conversations.task(interaction.taskSid())
				: null;
		if (task != null) {
			ObjectNode routing = json.putObject("routing");
			routing.putNull("reservation");
			routing.set("properties", taskProperties(task));
		}
		else {
			json.putNull("routing");
		}
		json.put("url", url);
		json.putObject("links").put("channels", url + "/Channels");
		json.put("interaction_context_sid", interaction.interactionContextSid());
		json.put("webhook_ttid", interaction.webhookTtid());
		return json;
	}

	ObjectNode interactionChannel(Interaction interaction) {
		String url = FlexViews.BASE + "/Interactions/" + interaction.sid() + "/Channels/" + interaction.channelSid();
		ObjectNode json = Json.object();
		json.put("sid", interaction.channelSid());
		json.put("interaction_sid", interaction.sid());
		json.put("type", interaction.channelType());
		json.put("status", interaction.channelStatus());
		json.put("error_code", interaction.errorCode());
		json.put("error_message", interaction.errorMessage());
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("participants", url + "/Participants");
		links.put("invites", url + "/Invites");
		links.put("transfers", url + "/Transfers");
		return json;
	}

	/**
	 * Renders the task as TaskRouter does inside an interaction: dates as epoch seconds,
	 * attributes as a JSON string.
	 */
	private ObjectNode taskProperties(InteractionTask task) {
		TaskRouting routing = task.routing();
		ObjectNode json = Json.object();
		json.put("sid", task.sid());
		json.put("account_sid", this.accountSid);
		json.put("workspace_sid", routing.workspaceSid());
		json.put("workflow_sid", routing.workflowSid());
		json.put("queue_sid", routing.queueSid());
		json.put("worker_sid", routing.workerSid());
		json.put("task_channel_unique_name", routing.taskChannelUniqueName());
		json.put("assignment_status", task.status());
		json.put("priority", routing.priority());
		json.put("timeout", routing.timeout());
		json.put("age", Math.max(0, this.state.now().getEpochSecond() - task.created().getEpochSecond()));
		json.put("attributes", task.attributesJson());
		json.put("date_created", task.created().getEpochSecond());
		json.put("date_updated", task.created().getEpochSecond());
		return json;
	}

	ObjectNode conversation(Conversation conversation) {
		String url = conversationUrl(conversation.sid());
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("chat_service_sid", conversation.chatServiceSid());
		json.putNull("messaging_service_sid");
		json.put("sid", conversation.sid());
		json.put("friendly_name", conversation.friendlyName());
		json.put("unique_name", conversation.uniqueName());
		json.put("attributes", conversation.attributes());
		json.put("state", conversation.state());
		json.put("date_created", TwilioTime.format(conversation.created()));
		json.put("date_updated", TwilioTime.format(conversation.updated()));
		json.set("timers", timers(conversation));
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("participants", url + "/Participants");
		links.put("messages", url + "/Messages");
		links.put("webhooks", url + "/Webhooks");
		links.put("export", url + "/Export");
		json.putNull("bindings");
		return json;
	}

	ObjectNode message(ConversationMessage message) {
		String url = conversationUrl(message.conversationSid()) + "/Messages/" + message.sid();
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("conversation_sid", message.conversationSid());
		json.put("sid", message.sid());
		json.put("index", message.index());
		json.put("author", message.author());
		json.put("body", message.body());
		json.putNull("media");
		json.put("attributes", message.attributes());
		json.putNull("participant_sid");
		json.put("date_created", TwilioTime.format(message.created()));
		json.put("date_updated", TwilioTime.format(message.created()));
		json.put("url", url);
		json.putNull("delivery");
		ObjectNode links = json.putObject("links");
		links.put("delivery_receipts", url + "/Receipts");
		links.put("channel_metadata", url + "/ChannelMetadata");
		json.putNull("content_sid");
		return json;
	}

	ObjectNode participantConversation(ConversationsBackend.ParticipantConversation row) {
		ConversationParticipant participant = row.participant();
		Conversation conversation = row.conversation();
		String conversationUrl = conversationUrl(conversation.sid());
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("chat_service_sid", conversation.chatServiceSid());
		json.put("participant_sid", participant.sid());
		json.putNull("participant_user_sid");
		json.put("participant_identity", participant.identity());
		json.set("participant_messaging_binding", binding(participant.binding()));
		json.put("conversation_sid", conversation.sid());
		json.put("conversation_unique_name", conversation.uniqueName());
		json.put("conversation_friendly_name", conversation.friendlyName());
		json.put("conversation_attributes", conversation.attributes());
		json.put("conversation_date_created", TwilioTime.format(conversation.created()));
		json.put("conversation_date_updated", TwilioTime.format(conversation.updated()));
		json.put("conversation_created_by", conversation.createdBy());
		json.put("conversation_state", conversation.state());
		json.set("conversation_timers", timers(conversation));
		ObjectNode links = json.putObject("links");
		links.put("participant", conversationUrl + "/Participants/" + participant.sid());
		links.put("conversation", conversationUrl);
		return json;
	}

	ObjectNode participant(ConversationParticipant participant) {
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("conversation_sid", participant.conversationSid());
		json.put("sid", participant.sid());
		json.put("identity", participant.identity());
		json.put("attributes", participant.attributes());
		json.set("messaging_binding", binding(participant.binding()));
		json.putNull("role_sid");
		json.put("date_created", TwilioTime.format(participant.created()));
		json.put("date_updated", TwilioTime.format(participant.created()));
		json.put("url", conversationUrl(participant.conversationSid()) + "/Participants/" + participant.sid());
		json.putNull("last_read_message_index");
		json.putNull("last_read_timestamp");
		return json;
	}

	/**
	 * Renders a scoped webhook; its {@code configuration} holds what its target uses,
	 * with Twilio's snake_case keys.
	 */
	ObjectNode webhook(ScopedWebhook webhook) {
		ObjectNode json = Json.object();
		json.put("account_sid", this.accountSid);
		json.put("conversation_sid", webhook.conversationSid());
		json.put("sid", webhook.sid());
		json.put("target", webhook.target());
		ObjectNode configuration = json.putObject("configuration");
		if (webhook.isStudio()) {
			configuration.put("flow_sid", webhook.flowSid());
		}
		else {
			configuration.put("url", webhook.url());
			configuration.put("method", webhook.method());
			configuration.set("filters", Json.MAPPER.valueToTree(webhook.filters()));
		}
		if (!webhook.triggers().isEmpty()) {
			configuration.set("triggers", Json.MAPPER.valueToTree(webhook.triggers()));
		}
		if (webhook.replayAfter() != null) {
			configuration.put("replay_after", webhook.replayAfter());
		}
		json.put("date_created", TwilioTime.format(webhook.created()));
		json.put("date_updated", TwilioTime.format(webhook.created()));
		json.put("url", conversationUrl(webhook.conversationSid()) + "/Webhooks/" + webhook.sid());
		return json;
	}

	/** An SMS participant's messaging binding, {@code null} for a chat participant. */
	private static JsonNode binding(@Nullable MessagingBinding binding) {
		if (binding == null) {
			return Json.MAPPER.nullNode();
		}
		ObjectNode messaging = Json.object();
		messaging.put("address", binding.address());
		messaging.put("proxy_address", binding.proxyAddress());
		messaging.put("type", "sms");
		messaging.putNull("level");
		messaging.putNull("name");
		messaging.putNull("projected_address");
		return messaging;
	}

	/**
	 * Renders the timers: the scheduled dates while they run (inactive only while
	 * active), the closing date once closed.
	 */
	private static ObjectNode timers(Conversation conversation) {
		ObjectNode timers = Json.object();
		if (conversation.isClosed()) {
			timers.put("date_closed", TwilioTime.format(conversation.dateClosed()));
			return timers;
		}
		Instant inactive = conversation.timers().dateInactive();
		if (inactive != null && "active".equals(conversation.state())) {
			timers.put("date_inactive", TwilioTime.format(inactive));
		}
		Instant closed = conversation.timers().dateClosed();
		if (closed != null) {
			timers.put("date_closed", TwilioTime.format(closed));
		}
		return timers;
	}

}
