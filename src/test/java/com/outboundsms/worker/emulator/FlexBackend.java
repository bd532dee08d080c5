package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies Flex's rules: creating and deleting flows, and creating channels the way Flex
 * does (reusing an ACTIVE channel of the same flow and target, else the identity's chat
 * user, a private chat channel it joins, and a task). Callers hold the state lock.
 */
final class FlexBackend {

	private final EmulatorState state;

	FlexBackend(EmulatorState state) {
		this.state = state;
	}

	FlexFlow createFlow(NewFlexFlow spec) {
		String chatServiceSid = (spec.chatServiceSid() != null) ? spec.chatServiceSid()
				: this.state.defaultChatServiceSid();
		FlexFlow flow = new FlexFlow(Sids.next("FO"), spec.friendlyName(), chatServiceSid, spec.channelType(),
				spec.contactIdentity(), spec.enabled(), spec.integrationType(), spec.integration(), spec.longLived(),
				spec.janitorEnabled(), this.state.now());
		this.state.flex.add(flow);
		return flow;
	}

	FlexFlow flow(String sid) {
		FlexFlow flow = this.state.flex.flow(sid);
		if (flow == null) {
			throw TwilioApiException.notFound("/v1/FlexFlows/" + sid);
		}
		return flow;
	}

	/**
	 * Deletes a flow; its channels stay, and a channel create naming it is answered
	 * 45205.
	 */
	void deleteFlow(String sid) {
		flow(sid);
		this.state.flex.removeFlow(sid);
	}

	FlexChannel createChannel(NewFlexChannel request) {
		FlexFlow flow = this.state.flex.flow(request.flexFlowSid());
		if (flow == null) {
			throw new TwilioApiException(404, 45205, "Requested Flex Flow is not found");
		}
		// validated before the reuse check: Twilio rejects a bad request whatever exists
		String taskAttributes = (request.taskAttributes() != null)
				? Json.write(Json.parseObject("TaskAttributes", request.taskAttributes())) : "{}";
		Optional<FlexChannel> active = activeChannel(flow.sid(), request.target());
		if (active.isPresent()) {
			this.state.flex.countReuse();
			return active.get();
		}
		if (request.chatUniqueName() != null && uniqueNameActive(flow.chatServiceSid(), request.chatUniqueName())) {
			throw new TwilioApiException(400, 45208, "Chat Channel with this unique name already exists");
		}
		Instant now = this.state.now();
		String sid = Sids.next("CH");
		boolean longLived = (request.longLived() != null) ? request.longLived() : flow.longLived();
		this.state.chat.put(new ChatChannel(sid, flow.chatServiceSid(), request.chatFriendlyName(),
				request.chatUniqueName(), channelAttributes(flow, request, longLived), "private", 0, now, now));
		ChatUser user = chatUser(flow.chatServiceSid(), request.identity(), now);
		this.state.chat.join(new ChatMember(Sids.next("MB"), sid, user.sid()));
		@Nullable String taskSid = null;
		if (flow.isTaskFlow()) {
			taskSid = (request.taskSid() != null) ? request.taskSid() : Sids.next("WT");
			this.state.flex.put(FlexTask.pending(taskSid, flow.sid(), sid, taskAttributes, routeOf(flow), now));
		}
		FlexChannel channel = new FlexChannel(sid, flow.sid(), user.sid(), taskSid, request.identity(),
				request.target(), now);
		this.state.flex.add(channel);
		return channel;
	}

	FlexChannel channel(String sid) {
		FlexChannel channel = this.state.flex.channel(sid);
		if (channel == null) {
			throw TwilioApiException.notFound("/v1/Channels/" + sid);
		}
		return channel;
	}

	void deleteChannel(String sid) {
		channel(sid);
		this.state.flex.removeChannel(sid);
		this.state.chat.remove(sid);
	}

	/**
	 * Finds the ACTIVE channel of a flow for a target; channels created without a target
	 * are never reused.
	 */
	Optional<FlexChannel> activeChannel(String flowSid, @Nullable String target) {
		if (target == null) {
			return Optional.empty();
		}
		return this.state.flex.channels(flowSid, target).stream().filter((channel) -> {
			ChatChannel chat = this.state.chat.channel(channel.sid());
			return chat != null && chat.isActive();
		}).findFirst();
	}

	/** The chat user of the identity, made on its first channel as Flex does. */
	private ChatUser chatUser(String serviceSid, String identity, Instant now) {
		ChatUser user = this.state.chat.user(serviceSid, identity);
		if (user == null) {
			user = new ChatUser(Sids.next("US"), serviceSid, identity, now);
			this.state.chat.add(user);
		}
		return user;
	}

	/**
	 * How Flex routes a task flow's tasks: its integration's task channel, priority and
	 * timeout, on the workflow of Flex's workspace.
	 */
	private FlexTask.Route routeOf(FlexFlow flow) {
		Map<String, Object> integration = flow.integration();
		return new FlexTask.Route(this.state.flexInstance.workflowSid(),
				String.valueOf(integration.getOrDefault("channel", "chat")), integer(integration.get("priority"), 0),
				integer(integration.get("timeout"), 86400));
	}

	private static int integer(@Nullable Object value, int fallback) {
		return (value instanceof Number number) ? number.intValue() : fallback;
	}

	private boolean uniqueNameActive(String serviceSid, String uniqueName) {
		ChatChannel existing = this.state.chat.channel(serviceSid, uniqueName);
		return existing != null && existing.isActive();
	}

	private static String channelAttributes(FlexFlow flow, NewFlexChannel request, boolean longLived) {
		ObjectNode attributes = Json.object();
		attributes.put("status", "ACTIVE");
		attributes.put("long_lived", longLived);
		attributes.put("channel_type", flow.channelType());
		attributes.put("from", request.chatUserFriendlyName());
		attributes.put("forwarding", true);
		return Json.write(attributes);
	}

}
