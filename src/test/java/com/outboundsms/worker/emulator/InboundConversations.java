package com.outboundsms.worker.emulator;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * Makes what Flex makes when a customer texts a number first: the number's Studio flow
 * (once), a channel on it whose chat user's identity is the customer's address, and the
 * Proxy session, named after the channel, that ties the customer on the number to it.
 * Callers hold the state lock.
 */
final class InboundConversations {

	private final EmulatorState state;

	private final FlexBackend flex;

	private final ProxyBackend proxy;

	InboundConversations(EmulatorState state, FlexBackend flex, ProxyBackend proxy) {
		this.state = state;
		this.flex = flex;
		this.proxy = proxy;
	}

	/**
	 * Seeds the customer's inbound conversation on the number.
	 * @throws TwilioApiException 80604 when the customer is already in an active session
	 * on the number
	 */
	InboundConversation seed(String twilioNumber, String customer) {
		FlexFlow flow = studioFlow(twilioNumber);
		FlexChannel channel = this.flex.createChannel(
				new NewFlexChannel(flow.sid(), customer, customer, customer, customer, null, null, null, null));
		ChatChannel chat = this.state.chat.channel(channel.sid());
		ObjectNode attributes = chat.attributesNode();
		attributes.put("twilioNumber", twilioNumber);
		attributes.put("serviceNumber", twilioNumber);
		this.state.chat.put(chat.withAttributes(Json.write(attributes), this.state.now()));
		ProxySession session = this.proxy.createSession(this.state.defaultProxyServiceSid(),
				new NewProxySession(channel.sid(), "message-only", null, null, null,
						List.of(new ParticipantSpec(customer, twilioNumber, null),
								new ParticipantSpec(channel.sid(), twilioNumber, null))));
		return new InboundConversation(flow.sid(), channel.sid(), channel.userSid(), session.sid());
	}

	/** The number's enabled Studio flow for SMS, made the first time. */
	private FlexFlow studioFlow(String twilioNumber) {
		return this.state.flex.flows()
			.stream()
			.filter((flow) -> flow.contactIdentity().equals(twilioNumber) && "studio".equals(flow.integrationType()))
			.findFirst()
			.orElseGet(() -> this.flex
				.createFlow(NewFlexFlow.studio(twilioNumber).withFriendlyName("Inbound SMS " + twilioNumber)));
	}

}
