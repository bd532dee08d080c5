package com.outboundsms.worker.twilio;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The calls the flex-conversations backend makes to Twilio, each failure already
 * classified as an {@link com.outboundsms.worker.processing.OutreachFailure}.
 */
interface FlexConversations {

	/**
	 * Creates an interaction, which Twilio may set up after answering.
	 * @param channel the {@code Channel} parameter
	 * @param routing the {@code Routing} parameter
	 * @return what the answer says was made
	 */
	MadeInteraction create(Map<String, Object> channel, Map<String, Object> routing);

	/**
	 * Reads an interaction's channel.
	 * @param interactionSid the interaction ({@code KD…})
	 * @param channelSid its channel ({@code UO…})
	 * @return the channel's status
	 */
	ChannelState channel(String interactionSid, String channelSid);

	/**
	 * Closes an interaction's channel, which closes its conversation and ends its task.
	 * @param interactionSid the interaction
	 * @param channelSid its channel
	 */
	void closeChannel(String interactionSid, String channelSid);

	/**
	 * Finds the conversation, not closed, in which the customer is texted from the Twilio
	 * number ({@code GET ParticipantConversations?Address=}).
	 * @param customer the customer's number
	 * @param twilioNumber the Twilio number
	 * @return the conversation, or empty when the customer is in none
	 */
	Optional<CustomerConversation> openConversation(String customer, String twilioNumber);

	/**
	 * Reads an interaction's task from its routing.
	 * @param interactionSid the interaction
	 * @return its task, or empty when the interaction or its task is not found
	 */
	Optional<InteractionTask> task(String interactionSid);

	/**
	 * Whether a conversation is still open.
	 * @param conversationSid the conversation
	 * @return {@code false} when it is closed or gone
	 */
	boolean isOpen(String conversationSid);

	/**
	 * A conversation's messages, for the first message.
	 * @param conversationSid the conversation
	 * @return its messages
	 */
	FirstMessage.Messages messages(String conversationSid);

	/**
	 * Creates an active conversation with state timers, named so that a create whose
	 * answer was lost can be found again ({@link #conversationNamed}).
	 * @param uniqueName the conversation's unique name
	 * @param attributes its attributes JSON
	 * @param timers its inactive and closed timers
	 * @return its SID ({@code CH…})
	 */
	String createConversation(String uniqueName, String attributes, NotifyProperties timers);

	/**
	 * Finds a conversation by its unique name.
	 * @param uniqueName the name
	 * @return its SID, or empty when there is none
	 */
	Optional<String> conversationNamed(String uniqueName);

	/**
	 * Deletes a conversation this outreach made and cannot use.
	 * @param conversationSid the conversation
	 */
	void deleteConversation(String conversationSid);

	/**
	 * Adds the customer's SMS binding to a conversation.
	 * @param conversationSid the conversation
	 * @param customer the customer's number
	 * @param twilioNumber the Twilio number
	 * @return the participant's SID ({@code MB…})
	 * @throws CustomerElsewhere when the binding is in another conversation not closed
	 * (Twilio's 50416)
	 */
	String addCustomer(String conversationSid, String customer, String twilioNumber);

	/**
	 * Finds the customer's SMS participant in a conversation.
	 * @param conversationSid the conversation
	 * @param customer the customer's number
	 * @return the participant's SID, or empty when the customer is not in it
	 */
	Optional<String> customerIn(String conversationSid, String customer);

	/**
	 * Adds a conversation-scoped webhook to a Studio flow, which makes the task when the
	 * customer replies.
	 * @param conversationSid the conversation
	 * @param flowSid the flow ({@code FW…})
	 * @return the webhook's SID ({@code WH…})
	 */
	String addStudioWebhook(String conversationSid, String flowSid);

	/**
	 * Finds a conversation's webhook to a Studio flow.
	 * @param conversationSid the conversation
	 * @param flowSid the flow
	 * @return the webhook's SID, or empty when there is none
	 */
	Optional<String> studioWebhook(String conversationSid, String flowSid);

	/**
	 * Twilio's 50416: the customer's SMS binding is already in another conversation that
	 * is not closed.
	 */
	final class CustomerElsewhere extends RuntimeException {

		private final @Nullable String conversationSid;

		CustomerElsewhere(String message, @Nullable String conversationSid) {
			super(message);
			this.conversationSid = conversationSid;
		}

		/**
		 * The conversation holding the customer, when Twilio's message names it.
		 * @return its SID, or empty
		 */
		Optional<String> conversationSid() {
			return Optional.ofNullable(this.conversationSid);
		}

	}

	/**
	 * What an interaction create answered.
	 *
	 * @param sid the interaction ({@code KD…})
	 * @param channelSid its channel ({@code UO…})
	 * @param taskSid its task, when the answer names it
	 * @param conversationSid its conversation, when Twilio had set it up before answering
	 */
	record MadeInteraction(String sid, String channelSid, @Nullable String taskSid, @Nullable String conversationSid) {

	}

	/**
	 * An interaction channel's status.
	 *
	 * @param status {@code setup}, {@code active}, {@code failed}, {@code closed}, …
	 * @param errorCode why it failed, when it did
	 * @param errorMessage the failure's text, when it failed
	 */
	record ChannelState(String status, @Nullable Integer errorCode, @Nullable String errorMessage) {

		/**
		 * Whether Twilio gave up setting the channel up: failed, or closed after failing.
		 */
		boolean failed() {
			return "failed".equals(this.status) || this.errorCode != null;
		}

		boolean closed() {
			return "closed".equals(this.status);
		}

		boolean settingUp() {
			return "setup".equals(this.status);
		}

	}

	/**
	 * The customer's open conversation on a Twilio number.
	 *
	 * @param conversationSid the conversation ({@code CH…})
	 * @param interactionSid the interaction its attributes name, if any
	 * @param interactionChannelSid the interaction channel its attributes name, if any
	 * @param notifyOutreach whether its attributes say an outreach made it in notify mode
	 */
	record CustomerConversation(String conversationSid, @Nullable String interactionSid,
			@Nullable String interactionChannelSid, boolean notifyOutreach) {

		CustomerConversation(String conversationSid, @Nullable String interactionSid,
				@Nullable String interactionChannelSid) {
			this(conversationSid, interactionSid, interactionChannelSid, false);
		}

		/**
		 * Whether it is a notify conversation an outreach made, which no agent has taken
		 * up yet: a task request makes the agent's task on it.
		 */
		boolean awaitsAnAgent() {
			return this.notifyOutreach && this.interactionSid == null;
		}

		boolean belongsTo(String interaction) {
			return interaction.equals(this.interactionSid);
		}

	}

	/**
	 * An interaction's task, as its routing shows it.
	 *
	 * @param sid the task ({@code WT…}), if the routing names it
	 * @param outreachId the outreach id its attributes carry, if any
	 * @param conversationSid the interaction's conversation its attributes name, once
	 * Twilio set it up
	 */
	record InteractionTask(@Nullable String sid, @Nullable String outreachId, @Nullable String conversationSid) {

	}

}
