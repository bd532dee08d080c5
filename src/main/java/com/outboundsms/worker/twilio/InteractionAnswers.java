package com.outboundsms.worker.twilio;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads what Twilio answers about interactions and conversations: the SIDs in an
 * interaction (whose task attributes arrive as a JSON string, and may not name the
 * conversation yet), and the customer's conversation in a participant's row.
 */
final class InteractionAnswers {

	private final JsonMapper json;

	InteractionAnswers(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The SIDs in an interaction create's answer.
	 * @param interaction the answer, with {@code sid}, {@code channel} and
	 * {@code routing}
	 * @return what was made
	 * @throws IllegalArgumentException when the answer lacks the interaction's or its
	 * channel's SID, which Twilio always gives
	 */
	FlexConversations.MadeInteraction made(JsonNode interaction) {
		String sid = text(interaction.path("sid"));
		String channelSid = text(interaction.path("channel").path("sid"));
		if (sid == null || channelSid == null) {
			throw new IllegalArgumentException("the interaction's answer has no interaction or channel SID");
		}
		JsonNode properties = interaction.path("routing").path("properties");
		return new FlexConversations.MadeInteraction(sid, channelSid, text(properties.path("sid")),
				text(attributes(properties.path("attributes")).path("conversationSid")));
	}

	/**
	 * An interaction's task, as its routing shows it.
	 * @param interaction the interaction, with {@code routing}
	 * @return the task's SID, and the outreach id and conversation its attributes name
	 */
	FlexConversations.InteractionTask task(JsonNode interaction) {
		JsonNode properties = interaction.path("routing").path("properties");
		JsonNode attributes = attributes(properties.path("attributes"));
		return new FlexConversations.InteractionTask(text(properties.path("sid")),
				text(attributes.path(TaskAttributes.OUTREACH_ID)), text(attributes.path("conversationSid")));
	}

	/**
	 * The customer's conversation in a participant conversation row, when it is open and
	 * texts the customer from the Twilio number.
	 * @param row a {@code ParticipantConversations} row
	 * @param twilioNumber the Twilio number
	 * @return the conversation and the interaction its attributes name, or empty
	 */
	Optional<FlexConversations.CustomerConversation> openConversation(JsonNode row, String twilioNumber) {
		String conversationSid = text(row.path("conversation_sid"));
		boolean sameNumber = twilioNumber.equals(text(row.path("participant_messaging_binding").path("proxy_address")));
		boolean open = !"closed".equals(text(row.path("conversation_state")));
		if (conversationSid == null || !sameNumber || !open) {
			return Optional.empty();
		}
		JsonNode attributes = attributes(row.path("conversation_attributes"));
		boolean notify = "notify".equals(text(attributes.path("outboundSms").path("mode")));
		return Optional
			.of(new FlexConversations.CustomerConversation(conversationSid, text(attributes.path("flexInteractionSid")),
					text(attributes.path("flexInteractionChannelSid")), notify));
	}

	/**
	 * Attributes arrive as a JSON string (Twilio's way) or, from some clients, as an
	 * object; text that is not JSON counts as no attributes, since Twilio does not check
	 * what others write there.
	 */
	private JsonNode attributes(JsonNode value) {
		if (!value.isString()) {
			return value;
		}
		try {
			return this.json.readTree(value.asString());
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	private static @Nullable String text(JsonNode node) {
		return (node.isString() && !node.asString().isEmpty()) ? node.asString() : null;
	}

}
