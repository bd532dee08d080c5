package com.outboundsms.worker.emulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The validated parameters of an Interaction create ({@code POST /v1/Interactions}).
 *
 * @param channelJson the {@code Channel} text as received
 * @param channelType the channel's {@code type}
 * @param participants the SMS bindings of the channel's participants
 * @param routingJson the {@code Routing} text as received, {@code null} when absent
 * @param routing the routing properties, {@code null} when absent
 * @param interactionContextSid the {@code InteractionContextSid}, if given
 * @param webhookTtid the {@code WebhookTtid}, if given
 * @param mediaChannelSid the conversation ({@code channel.properties.media_channel_sid})
 * the interaction is made on, instead of a new one, if given
 */
record NewInteraction(String channelJson, String channelType, List<MessagingBinding> participants,
		@Nullable String routingJson, @Nullable TaskRouting routing, @Nullable String interactionContextSid,
		@Nullable String webhookTtid, @Nullable String mediaChannelSid) {

	NewInteraction {
		participants = List.copyOf(participants);
	}

	/** An interaction that makes its own conversation. */
	NewInteraction(String channelJson, String channelType, List<MessagingBinding> participants,
			@Nullable String routingJson, @Nullable TaskRouting routing, @Nullable String interactionContextSid,
			@Nullable String webhookTtid) {
		this(channelJson, channelType, participants, routingJson, routing, interactionContextSid, webhookTtid, null);
	}

}
