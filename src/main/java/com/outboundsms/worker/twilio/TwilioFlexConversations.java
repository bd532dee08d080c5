package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flex Interactions and Conversations through twilio-java, each call's failure classified
 * by {@link TwilioFailures}.
 */
class TwilioFlexConversations implements FlexConversations {

	/** Twilio's code for a binding already in another conversation that is not closed. */
	static final int BINDING_IN_ANOTHER_CONVERSATION = 50416;

	/**
	 * A conversation's SID, as Twilio's 50416 message names the one holding the binding.
	 */
	private static final Pattern CONVERSATION_SID = Pattern.compile("CH[0-9a-fA-F]{32}");

	private final TwilioRestClient client;

	private final JsonMapper json;

	private final InteractionAnswers answers;

	TwilioFlexConversations(TwilioRestClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
		this.answers = new InteractionAnswers(json);
	}

	@Override
	public MadeInteraction create(Map<String, Object> channel, Map<String, Object> routing) {
		Interaction interaction = TwilioFailures.call("creating the Flex interaction",
				() -> Interaction.creator(channel).setRouting(routing).create(this.client));
		try {
			return this.answers.made(tree(interaction));
		}
		catch (IllegalArgumentException ex) {
			// a retry looks for the interaction before it creates another
			throw new TransientFailure("creating the Flex interaction: " + ex.getMessage(), ex);
		}
	}

	@Override
	public ChannelState channel(String interactionSid, String channelSid) {
		InteractionChannel channel = TwilioFailures.call("reading the interaction's channel",
				() -> InteractionChannel.fetcher(interactionSid, channelSid).fetch(this.client));
		String status = (channel.getStatus() != null) ? channel.getStatus().toString() : "unknown";
		return new ChannelState(status, channel.getErrorCode(), channel.getErrorMessage());
	}

	@Override
	public void closeChannel(String interactionSid, String channelSid) {
		TwilioFailures.call("closing the interaction's channel",
				() -> InteractionChannel
					.updater(interactionSid, channelSid, InteractionChannel.UpdateChannelStatus.CLOSED)
					.update(this.client));
	}

	@Override
	public Optional<CustomerConversation> openConversation(String customer, String twilioNumber) {
		Iterable<ParticipantConversation> rows = TwilioFailures.call("looking up the customer's conversations",
				() -> ParticipantConversation.reader().setAddress(customer).setPageSize(50L).read(this.client));
		for (ParticipantConversation row : rows) {
			Optional<CustomerConversation> open = this.answers.openConversation(tree(row), twilioNumber);
			if (open.isPresent()) {
				return open;
			}
		}
		return Optional.empty();
	}

	@Override
	public Optional<InteractionTask> task(String interactionSid) {
		try {
			return Optional.of(this.answers.task(tree(Interaction.fetcher(interactionSid).fetch(this.client))));
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return Optional.empty();
			}
			throw TwilioFailures.classify("reading the interaction", ex);
		}
	}

	@Override
	public boolean isOpen(String conversationSid) {
		try {
			return Conversation.fetcher(conversationSid).fetch(this.client).getState() != Conversation.State.CLOSED;
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return false;
			}
			throw TwilioFailures.classify("reading the conversation", ex);
		}
	}

	@Override
	public FirstMessage.Messages messages(String conversationSid) {
		return new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return TwilioFailures.call("looking for the first message",
						() -> Message.reader(conversationSid)
							.setOrder(Message.OrderType.DESC)
							.setPageSize(50L)
							.firstPage(TwilioFlexConversations.this.client)
							.getRecords()
							.stream()
							.map((message) -> new FirstMessage.Posted(message.getSid(), message.getAttributes()))
							.toList());
			}

			@Override
			public String post(String body, String attributes) {
				return TwilioFailures.call("posting the first message",
						() -> Message.creator(conversationSid)
							.setBody(body)
							.setAttributes(attributes)
							.create(TwilioFlexConversations.this.client)
							.getSid());
			}

		};
	}

	@Override
	public String createConversation(String uniqueName, String attributes, NotifyProperties timers) {
		return TwilioFailures.call("creating the conversation",
				() -> Conversation.creator()
					.setUniqueName(uniqueName)
					.setFriendlyName(uniqueName)
					.setAttributes(attributes)
					.setState(Conversation.State.ACTIVE)
					.setTimersInactive(timers.inactiveTimer())
					.setTimersClosed(timers.closedTimer())
					.create(this.client)
					.getSid());
	}

	@Override
	public Optional<String> conversationNamed(String uniqueName) {
		try {
			return Optional.of(Conversation.fetcher(uniqueName).fetch(this.client).getSid());
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return Optional.empty();
			}
			throw TwilioFailures.classify("looking for the conversation", ex);
		}
	}

	@Override
	public void deleteConversation(String conversationSid) {
		try {
			Conversation.deleter(conversationSid).delete(this.client);
		}
		catch (TwilioException ex) {
			if (!TwilioFailures.isNotFound(ex)) {
				throw TwilioFailures.classify("deleting the conversation", ex);
			}
		}
	}

	@Override
	public String addCustomer(String conversationSid, String customer, String twilioNumber) {
		try {
			return Participant.creator(conversationSid)
				.setMessagingBindingAddress(customer)
				.setMessagingBindingProxyAddress(twilioNumber)
				.create(this.client)
				.getSid();
		}
		catch (TwilioException ex) {
			if (TwilioFailures.hasCode(ex, BINDING_IN_ANOTHER_CONVERSATION)) {
				Matcher named = CONVERSATION_SID.matcher(String.valueOf(ex.getMessage()));
				throw new CustomerElsewhere("Twilio answered 50416: the customer is in another conversation",
						named.find() ? named.group() : null);
			}
			throw TwilioFailures.classify("adding the customer to the conversation", ex);
		}
	}

	@Override
	public Optional<String> customerIn(String conversationSid, String customer) {
		Iterable<Participant> participants = TwilioFailures.call("reading the conversation's participants",
				() -> Participant.reader(conversationSid).setPageSize(50L).read(this.client));
		for (Participant participant : participants) {
			JsonNode binding = this.json.valueToTree(participant.getMessagingBinding());
			if (binding != null && customer.equals(binding.path("address").asString(null))) {
				return Optional.of(participant.getSid());
			}
		}
		return Optional.empty();
	}

	@Override
	public String addStudioWebhook(String conversationSid, String flowSid) {
		return TwilioFailures.call("adding the Studio webhook",
				() -> Webhook.creator(conversationSid, Webhook.Target.STUDIO)
					.setConfigurationFlowSid(flowSid)
					.create(this.client)
					.getSid());
	}

	@Override
	public Optional<String> studioWebhook(String conversationSid, String flowSid) {
		Iterable<Webhook> webhooks = TwilioFailures.call("reading the conversation's webhooks",
				() -> Webhook.reader(conversationSid).read(this.client));
		for (Webhook webhook : webhooks) {
			JsonNode configuration = this.json.valueToTree(webhook.getConfiguration());
			if ("studio".equals(webhook.getTarget()) && configuration != null
					&& flowSid.equals(configuration.path("flow_sid").asString(null))) {
				return Optional.of(webhook.getSid());
			}
		}
		return Optional.empty();
	}

	/** An interaction as Twilio wrote it (twilio-java keeps its objects as maps). */
	private JsonNode tree(Interaction interaction) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("sid", interaction.getSid());
		fields.put("channel", interaction.getChannel());
		fields.put("routing", interaction.getRouting());
		return this.json.valueToTree(fields);
	}

	private JsonNode tree(ParticipantConversation row) {
		ObjectNode fields = this.json.createObjectNode();
		fields.put("conversation_sid", row.getConversationSid());
		fields.put("conversation_state",
				(row.getConversationState() != null) ? row.getConversationState().toString() : null);
		fields.put("conversation_attributes", row.getConversationAttributes());
		fields.set("participant_messaging_binding", this.json.valueToTree(row.getParticipantMessagingBinding()));
		return fields;
	}

}
