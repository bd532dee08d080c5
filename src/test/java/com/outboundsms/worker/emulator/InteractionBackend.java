package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the rules of Flex Interactions: a create makes a conversation with the SMS
 * participants and a task, at once (80102 when a customer is already in an open
 * conversation on the number) or, under a deferred {@link InteractionSetup}, later, with
 * the channel {@code failed} instead of an error; closing the channel closes the
 * conversation and completes the task. Callers hold the state lock.
 */
final class InteractionBackend {

	/** Where the interactions Flex makes for inbound texts are routed. */
	static final String INBOUND_WORKSPACE_SID = "WS00000000000000000000000000000000";

	private final EmulatorState state;

	private final ConversationsBackend conversations;

	InteractionBackend(EmulatorState state, ConversationsBackend conversations) {
		this.state = state;
		this.conversations = conversations;
	}

	Interaction create(NewInteraction request) {
		return create(request, this.state.conversations.setup().deferred());
	}

	private Interaction create(NewInteraction request, boolean deferred) {
		Conversation existing = (request.mediaChannelSid() != null)
				? this.conversations.conversation(request.mediaChannelSid()) : null;
		if (existing != null && existing.isClosed()) {
			throw new TwilioApiException(400, ConversationsBackend.CONVERSATION_CLOSED,
					"Conversation " + existing.sid() + " is closed");
		}
		if (!deferred && existing == null) {
			held(request.participants()).ifPresent((pair) -> {
				this.state.conversations.countConflict();
				throw alreadyInInteraction(pair);
			});
		}
		String interactionSid = Sids.next("KD");
		String channelSid = Sids.next("UO");
		String taskSid = null;
		if (request.routing() != null) {
			taskSid = Sids.next("WT");
			this.state.conversations.put(new InteractionTask(taskSid, interactionSid, null, request.routing(),
					taskAttributes(request.routing(), interactionSid, channelSid), "pending", this.state.now()));
		}
		Interaction accepted = new Interaction(interactionSid, channelSid, request.channelType(), request.channelJson(),
				request.routingJson(), null, taskSid, request.interactionContextSid(), request.webhookTtid(),
				this.state.now(), Interaction.SETUP, null, null);
		this.state.conversations.put(accepted);
		if (existing != null) {
			// made on a conversation that exists: its participants are already in it
			return setUpOn(accepted, existing);
		}
		if (deferred) {
			this.state.conversations.awaitSetup(interactionSid,
					new ConversationStore.WaitingSetup(this.state.instant(), request.participants()));
			return accepted;
		}
		return setUp(accepted, request.participants());
	}

	/**
	 * Seeds what Flex makes for a customer's inbound text: an interaction, its
	 * conversation with the customer and its task, all at once whatever the setup.
	 * @throws TwilioApiException 80102 when the customer is already in an open
	 * conversation on the number
	 */
	Interaction createInbound(MessagingBinding pair) {
		ObjectNode attributes = Json.object();
		attributes.put("from", pair.address());
		attributes.put("direction", "inbound");
		attributes.put("customerAddress", pair.address());
		attributes.put("twilioNumber", pair.proxyAddress());
		attributes.put("channelType", "sms");
		TaskRouting routing = new TaskRouting(INBOUND_WORKSPACE_SID, null, null, null, "sms",
				InteractionParser.DEFAULT_PRIORITY, InteractionParser.DEFAULT_TIMEOUT, Json.write(attributes));
		ObjectNode routingJson = Json.object();
		ObjectNode properties = routingJson.putObject("properties");
		properties.put("workspace_sid", INBOUND_WORKSPACE_SID);
		properties.put("task_channel_unique_name", "sms");
		properties.set("attributes", attributes);
		ObjectNode channel = Json.object();
		channel.put("type", "sms");
		channel.put("initiated_by", "customer");
		return create(new NewInteraction(Json.write(channel), "sms", List.of(pair), Json.write(routingJson), routing,
				null, null), false);
	}

	/**
	 * Sets up, oldest first, every interaction accepted at least the setup's delay ago.
	 */
	void setUpDue() {
		Map<String, ConversationStore.WaitingSetup> waiting = this.state.conversations.waitingForSetup();
		if (waiting.isEmpty()) {
			return;
		}
		Instant due = this.state.instant().minus(this.state.conversations.setup().delay());
		for (Map.Entry<String, ConversationStore.WaitingSetup> entry : waiting.entrySet()) {
			if (entry.getValue().acceptedAt().isAfter(due)) {
				return;
			}
			this.state.conversations.setUpDone(entry.getKey());
			setUp(interaction(entry.getKey()), entry.getValue().participants());
		}
	}

	Interaction interaction(String sid) {
		Interaction interaction = this.state.conversations.interaction(sid);
		if (interaction == null) {
			throw TwilioApiException.notFound("/v1/Interactions/" + sid);
		}
		return interaction;
	}

	Interaction channel(String interactionSid, String channelSid) {
		Interaction interaction = this.state.conversations.interaction(interactionSid);
		if (interaction == null || !interaction.channelSid().equals(channelSid)) {
			throw TwilioApiException.notFound("/v1/Interactions/" + interactionSid + "/Channels/" + channelSid);
		}
		return interaction;
	}

	/**
	 * Closes an interaction's channel as an agent ending it does: its conversation
	 * closes, its task completes, and a channel still being set up never is. Closing
	 * twice is a no-op.
	 */
	Interaction updateChannel(String interactionSid, String channelSid, @Nullable String status) {
		if (status == null) {
			throw TwilioApiException.missingParameter("Status");
		}
		if (!Interaction.CLOSED.equals(status)) {
			throw TwilioApiException.invalidParameter("Status", status + " (the emulator closes channels only)");
		}
		Interaction interaction = channel(interactionSid, channelSid);
		if (interaction.isChannelClosed()) {
			return interaction;
		}
		this.state.conversations.setUpDone(interaction.sid());
		this.state.conversations.put(interaction.closed());
		if (interaction.conversationSid() != null) {
			this.conversations.close(interaction.conversationSid());
		}
		InteractionTask task = (interaction.taskSid() != null) ? this.state.conversations.task(interaction.taskSid())
				: null;
		if (task != null) {
			this.state.conversations.put(task.withStatus(InteractionTask.COMPLETED));
		}
		return this.state.conversations.interaction(interaction.sid());
	}

	/**
	 * Makes the interaction's conversation: with its participants, or, when one of them
	 * is already in an open conversation on the number, without them and the channel
	 * failed (the documented warning 80102).
	 */
	private Interaction setUp(Interaction interaction, List<MessagingBinding> pairs) {
		Optional<MessagingBinding> held = held(pairs);
		ObjectNode attributes = Json.object();
		attributes.put("flexInteractionSid", interaction.sid());
		attributes.put("flexInteractionChannelSid", interaction.channelSid());
		String friendlyName = pairs.isEmpty() ? "Interaction " + interaction.sid() : pairs.get(0).address();
		Conversation conversation = this.conversations.open(friendlyName, Json.write(attributes),
				held.isPresent() ? List.of() : pairs);
		Interaction setUp = held.isPresent()
				? interaction.setUp(conversation.sid(), Interaction.FAILED, ConversationsBackend.ALREADY_IN_INTERACTION,
						alreadyInInteraction(held.get()).getMessage())
				: interaction.setUp(conversation.sid(), Interaction.ACTIVE, null, null);
		if (held.isPresent()) {
			this.state.conversations.countConflict();
		}
		this.state.conversations.put(setUp);
		InteractionTask task = (interaction.taskSid() != null) ? this.state.conversations.task(interaction.taskSid())
				: null;
		if (task != null) {
			this.state.conversations.put(task.withConversation(conversation.sid()));
		}
		return setUp;
	}

	/**
	 * Sets an interaction up on a conversation that exists (an agent taking up a
	 * conversation made by the Conversations API): the conversation's attributes gain the
	 * interaction's SIDs, and its task gets the conversation.
	 */
	private Interaction setUpOn(Interaction interaction, Conversation conversation) {
		ObjectNode attributes = conversation.attributesNode();
		attributes.put("flexInteractionSid", interaction.sid());
		attributes.put("flexInteractionChannelSid", interaction.channelSid());
		this.conversations.update(conversation.sid(),
				new ConversationFields(null, null, Json.write(attributes), null, null, null));
		Interaction setUp = interaction.setUp(conversation.sid(), Interaction.ACTIVE, null, null);
		this.state.conversations.put(setUp);
		InteractionTask task = (interaction.taskSid() != null) ? this.state.conversations.task(interaction.taskSid())
				: null;
		if (task != null) {
			this.state.conversations.put(task.withConversation(conversation.sid()));
		}
		return setUp;
	}

	private Optional<MessagingBinding> held(List<MessagingBinding> pairs) {
		return pairs.stream().filter((pair) -> this.state.conversations.openHolder(pair).isPresent()).findFirst();
	}

	private static TwilioApiException alreadyInInteraction(MessagingBinding pair) {
		return new TwilioApiException(ConversationsBackend.ALREADY_IN_INTERACTION_STATUS,
				ConversationsBackend.ALREADY_IN_INTERACTION, "Participant Already In Interaction: " + pair.address()
						+ " is already in an open conversation on " + pair.proxyAddress());
	}

	private static String taskAttributes(TaskRouting routing, String interactionSid, String channelSid) {
		ObjectNode attributes = (ObjectNode) Json.MAPPER.readTree(routing.attributesJson());
		attributes.put("flexInteractionSid", interactionSid);
		attributes.put("flexInteractionChannelSid", channelSid);
		return Json.write(attributes);
	}

}
