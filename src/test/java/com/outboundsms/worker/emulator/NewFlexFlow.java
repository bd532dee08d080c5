package com.outboundsms.worker.emulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to seed as a Flex Flow; {@link #sms(String)} gives the outbound-SMS task flow
 * (channel type {@code sms}, integration type {@code task}, disabled, not long-lived,
 * janitor on), {@link #studio(String, String)} a number's Studio flow.
 *
 * @param friendlyName the flow's name
 * @param contactIdentity the Twilio number of the flow
 * @param chatServiceSid the chat service, {@code null} for the emulator's default Flex
 * Chat Service
 * @param channelType {@code web|sms|facebook|whatsapp|line|custom}
 * @param integrationType {@code studio|external|task}
 * @param integration the {@code integration} object, snake_case keys
 * @param enabled whether the flow handles inbound messages
 * @param longLived whether chat channels outlive their task
 * @param janitorEnabled whether the Channel Janitor cleans up after tasks
 */
public record NewFlexFlow(String friendlyName, String contactIdentity, @Nullable String chatServiceSid,
		String channelType, String integrationType, Map<String, Object> integration, boolean enabled, boolean longLived,
		boolean janitorEnabled) {

	public NewFlexFlow {
		integration = Map.copyOf(integration);
	}

	public static NewFlexFlow sms(String contactIdentity) {
		Map<String, Object> integration = Map.of("workspace_sid", Sids.next("WS"), "workflow_sid", Sids.next("WW"),
				"channel", "chat", "timeout", 86400, "priority", 0, "creation_on_message", false, "retry_count", 3);
		return new NewFlexFlow("Outbound SMS " + contactIdentity, contactIdentity, null, "sms", "task", integration,
				false, false, true);
	}

	/**
	 * A number's SMS flow handing messages to a Studio flow (enabled, not long-lived,
	 * janitor on): its channels make no task, Studio's "Send to Flex" does on a reply.
	 * @param flowSid the FW SID of the Studio flow
	 */
	public static NewFlexFlow studio(String contactIdentity, String flowSid) {
		return new NewFlexFlow("Studio SMS " + contactIdentity, contactIdentity, null, "sms", "studio",
				Map.of("flow_sid", flowSid, "retry_count", 3), true, false, true);
	}

	public static NewFlexFlow studio(String contactIdentity) {
		return studio(contactIdentity, Sids.next("FW"));
	}

	public NewFlexFlow withFriendlyName(String name) {
		return new NewFlexFlow(name, this.contactIdentity, this.chatServiceSid, this.channelType, this.integrationType,
				this.integration, this.enabled, this.longLived, this.janitorEnabled);
	}

	public NewFlexFlow withChannelType(String type) {
		return new NewFlexFlow(this.friendlyName, this.contactIdentity, this.chatServiceSid, type, this.integrationType,
				this.integration, this.enabled, this.longLived, this.janitorEnabled);
	}

	public NewFlexFlow withIntegrationType(String type) {
		return new NewFlexFlow(this.friendlyName, this.contactIdentity, this.chatServiceSid, this.channelType, type,
				this.integration, this.enabled, this.longLived, this.janitorEnabled);
	}

	public NewFlexFlow withChatServiceSid(String sid) {
		return new NewFlexFlow(this.friendlyName, this.contactIdentity, sid, this.channelType, this.integrationType,
				this.integration, this.enabled, this.longLived, this.janitorEnabled);
	}

	public NewFlexFlow withFlags(boolean enabled, boolean longLived, boolean janitorEnabled) {
		return new NewFlexFlow(this.friendlyName, this.contactIdentity, this.chatServiceSid, this.channelType,
				this.integrationType, this.integration, enabled, longLived, janitorEnabled);
	}

}
