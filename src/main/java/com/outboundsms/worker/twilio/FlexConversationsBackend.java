package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v1.Interaction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-conversations sequence: one Interaction (which makes the conversation and the
 * task), then the first message through the Conversations API, at most once. When Twilio
 * answers 80102 (the customer is already in an open conversation on that number), the
 * open conversation is looked up by the customer's address and reused.
 */
class FlexConversationsBackend implements OutreachBackend {

	static final String NAME = "flex-conversations";

	private static final int ALREADY_IN_INTERACTION = 80102;

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final TaskAttributes taskAttributes;

	private final JsonMapper json;

	FlexConversationsBackend(TwilioRestClient client, TwilioProperties properties, JsonMapper json) {
		this.client = client;
		this.properties = properties;
		this.json = json;
		this.taskAttributes = new TaskAttributes(json);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		boolean attemptedBefore = progress.wasAttempted(Sid.INTERACTION);
		boolean messageAttemptedBefore = progress.wasAttempted(Sid.MESSAGE);
		InteractionStep interaction = withInteraction(request, progress, checkpoint);
		if (interaction.foundExisting() && !attemptedBefore) {
			// the customer was already talking to this number in a conversation nobody
			// here made
			return new Creation(Outcome.REUSED, interaction.progress());
		}
		OutreachProgress made = interaction.progress();
		FirstMessage.Result message = FirstMessage.ensure(request, made, messageAttemptedBefore, checkpoint,
				Sid.MESSAGE, messages(made.require(Sid.CONVERSATION)));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	@Override
	public boolean isOpen(OutreachProgress outreach) {
		Optional<String> conversation = outreach.sid(Sid.CONVERSATION);
		if (conversation.isEmpty()) {
			return false;
		}
		try {
			return Conversation.fetcher(conversation.get()).fetch(this.client).getState() != Conversation.State.CLOSED;
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return false;
			}
			throw TwilioFailures.classify("reading the conversation", ex);
		}
	}

	private InteractionStep withInteraction(OutboundSmsRequest request, OutreachProgress progress,
			Checkpoint checkpoint) {
		if (progress.has(Sid.CONVERSATION)) {
			return new InteractionStep(progress, false);
		}
		if (progress.wasAttempted(Sid.INTERACTION)) {
			// an earlier attempt's answer was lost: the interaction may exist already
			Optional<OutreachProgress> made = findOpenConversation(request, progress);
			if (made.isPresent()) {
				checkpoint.save(made.get());
				return new InteractionStep(made.get(), true);
			}
		}
		OutreachProgress attempting = progress.attempting(Sid.INTERACTION);
		checkpoint.save(attempting);
		Interaction interaction;
		try {
			interaction = Interaction.creator(channel(request)).setRouting(routing(request)).create(this.client);
		}
		catch (TwilioException ex) {
			if (!TwilioFailures.hasCode(ex, ALREADY_IN_INTERACTION)) {
				throw TwilioFailures.classify("creating the Flex interaction", ex);
			}
			OutreachProgress found = findOpenConversation(request, attempting)
				.orElseThrow(() -> new TransientFailure("Twilio answered 80102 but the customer's open conversation "
						+ "was not found; it may have just closed", ALREADY_IN_INTERACTION, 400, ex));
			checkpoint.save(found);
			return new InteractionStep(found, true);
		}
		// an interaction made here makes the outreach CREATED: the same commit says that
		// the first message, if any, is about to be posted
		OutreachProgress made = FirstMessage.announced(request, madeBy(interaction, attempting), Sid.MESSAGE);
		checkpoint.save(made);
		return new InteractionStep(made, false);
	}

	private Map<String, Object> channel(OutboundSmsRequest request) {
		Map<String, Object> participant = new LinkedHashMap<>();
		participant.put("address", request.toNumber());
		participant.put("proxy_address", request.fromNumber());
		Map<String, Object> channel = new LinkedHashMap<>();
		channel.put("type", "sms");
		channel.put("initiated_by", "agent");
		channel.put("participants", List.of(participant));
		return channel;
	}

	private Map<String, Object> routing(OutboundSmsRequest request) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("workspace_sid", this.properties.workspaceSid());
		properties.put("workflow_sid", this.properties.workflowSid());
		properties.put("task_channel_unique_name", this.properties.taskChannel());
		properties.put("attributes", this.taskAttributes.conversations(request));
		return Map.of("properties", properties);
	}

	/**
	 * The SIDs in an interaction: its own, its channel's, and the task's and
	 * conversation's.
	 */
	private OutreachProgress madeBy(Interaction interaction, OutreachProgress progress) {
		JsonNode body = this.json
			.valueToTree(Map.of("channel", interaction.getChannel(), "routing", interaction.getRouting()));
		JsonNode properties = body.path("routing").path("properties");
		JsonNode attributes = attributes(properties.path("attributes"));
		return progress.with(Sid.INTERACTION, interaction.getSid())
			.with(Sid.INTERACTION_CHANNEL, text(body.path("channel").path("sid")))
			.with(Sid.TASK, text(properties.path("sid")))
			.with(Sid.CONVERSATION, text(attributes.path("conversationSid")));
	}

	/** The customer's conversation on the Twilio number that is not closed, if any. */
	private Optional<OutreachProgress> findOpenConversation(OutboundSmsRequest request, OutreachProgress progress) {
		Iterable<ParticipantConversation> conversations = TwilioFailures.call("looking up the customer's conversations",
				() -> ParticipantConversation.reader()
					.setAddress(request.toNumber())
					.setPageSize(50L)
					.read(this.client));
		for (ParticipantConversation conversation : conversations) {
			JsonNode binding = this.json.valueToTree(conversation.getParticipantMessagingBinding());
			boolean sameNumber = request.fromNumber().equals(text(binding.path("proxy_address")));
			boolean open = conversation.getConversationState() != ParticipantConversation.State.CLOSED;
			if (sameNumber && open) {
				JsonNode attributes = attributes(this.json.getNodeFactory()
					.stringNode(Optional.ofNullable(conversation.getConversationAttributes()).orElse("{}")));
				return Optional.of(progress.with(Sid.CONVERSATION, conversation.getConversationSid())
					.with(Sid.INTERACTION, text(attributes.path("flexInteractionSid")))
					.with(Sid.INTERACTION_CHANNEL, text(attributes.path("flexInteractionChannelSid"))));
			}
		}
		return Optional.empty();
	}

	/** The conversation's messages, which Twilio delivers to the customer as SMS. */
	private FirstMessage.Messages messages(String conversation) {
		return new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return TwilioFailures.call("looking for the first message",
						() -> Message.reader(conversation)
							.setOrder(Message.OrderType.DESC)
							.setPageSize(50L)
							.firstPage(FlexConversationsBackend.this.client)
							.getRecords()
							.stream()
							.map((message) -> new FirstMessage.Posted(message.getSid(), message.getAttributes()))
							.toList());
			}

			@Override
			public String post(String body, String attributes) {
				return TwilioFailures.call("posting the first message",
						() -> Message.creator(conversation)
							.setBody(body)
							.setAttributes(attributes)
							.create(FlexConversationsBackend.this.client)
							.getSid());
			}

		};
	}

	/**
	 * Attributes arrive as a JSON string (Twilio's way) or, from some clients, as an
	 * object.
	 */
	private JsonNode attributes(JsonNode value) {
		if (value.isString()) {
			return this.json.readTree(value.asString());
		}
		return value;
	}

	private static String text(JsonNode node) {
		return (node.isString() && !node.asString().isEmpty()) ? node.asString() : null;
	}

	/**
	 * The interaction step's result.
	 *
	 * @param progress the progress with the conversation
	 * @param foundExisting whether the conversation already existed at Twilio
	 */
	private record InteractionStep(OutreachProgress progress, boolean foundExisting) {
	}

}
