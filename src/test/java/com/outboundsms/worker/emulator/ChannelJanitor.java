package com.outboundsms.worker.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Ends conversations as agents and Flex's Channel Janitor do: marks the chat channel
 * INACTIVE, closes its Proxy session and completes its tasks; and, when TaskRouter ends a
 * task of a flow with the janitor on, ends the task's channel. Callers hold the state
 * lock.
 */
final class ChannelJanitor {

	static final String CHANNEL_CLOSED = "channel-closed";

	private final EmulatorState state;

	private final ProxyBackend proxy;

	ChannelJanitor(EmulatorState state, ProxyBackend proxy) {
		this.state = state;
		this.proxy = proxy;
	}

	ChatChannel closeChannel(String channelSid) {
		ChatChannel channel = this.state.chat.channel(channelSid);
		if (channel == null) {
			throw TwilioApiException.notFound("/v2/Channels/" + channelSid);
		}
		ChatChannel closed = endChannel(channel);
		// the task Flex made with the channel, and one made through TaskRouter for it
		this.state.flex.tasks()
			.stream()
			.filter((task) -> channelSid.equals(task.channelSid()) && task.isOpen())
			.forEach((task) -> this.state.flex.put(task.withStatus("completed")));
		return closed;
	}

	/**
	 * What the janitor does once a task was canceled or completed: a short-lived channel
	 * of a flow with the janitor on is ended with it.
	 */
	void taskEnded(FlexTask task) {
		if (task.flexFlowSid() == null || task.channelSid() == null) {
			return;
		}
		FlexFlow flow = this.state.flex.flow(task.flexFlowSid());
		ChatChannel channel = this.state.chat.channel(task.channelSid());
		if (flow != null && flow.janitorEnabled() && !flow.longLived() && channel != null && channel.isActive()) {
			endChannel(channel);
		}
	}

	ProxySession closeSession(String sessionSid) {
		return this.proxy.close(session(sessionSid), "api");
	}

	void deleteSession(String sessionSid) {
		ProxySession session = session(sessionSid);
		this.proxy.delete(session.serviceSid(), sessionSid);
	}

	private ChatChannel endChannel(ChatChannel channel) {
		ObjectNode attributes = channel.attributesNode();
		attributes.put("status", "INACTIVE");
		ChatChannel closed = channel.withAttributes(Json.write(attributes), this.state.now());
		this.state.chat.put(closed);
		String sessionSid = channel.proxySession();
		ProxySession session = (sessionSid != null) ? this.state.proxy.session(sessionSid) : null;
		if (session != null) {
			this.proxy.close(session, CHANNEL_CLOSED);
		}
		return closed;
	}

	private ProxySession session(String sessionSid) {
		ProxySession session = this.state.proxy.session(sessionSid);
		if (session == null) {
			throw TwilioApiException.notFound("/v1/Sessions/" + sessionSid);
		}
		return session;
	}

}
