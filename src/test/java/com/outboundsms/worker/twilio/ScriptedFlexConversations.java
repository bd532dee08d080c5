package com.outboundsms.worker.twilio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Twilio's Flex Conversations as a test scripts it: who holds the customer, what a create
 * answers, the statuses the interaction's channel goes through (the customer joins the
 * conversation Twilio set up once the channel leaves {@code setup}), and every call in
 * order.
 */
final class ScriptedFlexConversations implements FlexConversations {

	static final ChannelState SETUP = new ChannelState("setup", null, null);

	static final ChannelState ACTIVE = new ChannelState("active", null, null);

	final List<String> calls = new ArrayList<>();

	final List<Map<String, Object>> routings = new ArrayList<>();

	final List<Map<String, Object>> channels = new ArrayList<>();

	final List<String> closed = new ArrayList<>();

	final List<String> posted = new ArrayList<>();

	final Map<String, InteractionTask> tasks = new HashMap<>();

	/** The conversation that holds the customer now. */
	@Nullable CustomerConversation holder;

	/** What the create answers, unless it fails. */
	MadeInteraction made = new MadeInteraction("KD1", "UO1", "WT1", "CH1");

	@Nullable RuntimeException createFailure;

	@Nullable RuntimeException channelFailure;

	@Nullable RuntimeException closeFailure;

	/** What happens at Twilio as the create is handled, before it answers. */
	Runnable onCreate = () -> this.holder = new CustomerConversation("CH1", "KD1", "UO1");

	/** Who holds the customer once the channel leaves {@code setup}. */
	@Nullable CustomerConversation afterSetup;

	private final Deque<ChannelState> channelStates = new ArrayDeque<>(List.of(ACTIVE));

	/**
	 * The statuses the channel shows, one per read; the last one stays.
	 */
	ScriptedFlexConversations channelShows(ChannelState... states) {
		this.channelStates.clear();
		this.channelStates.addAll(List.of(states));
		return this;
	}

	@Override
	public MadeInteraction create(Map<String, Object> channel, Map<String, Object> routing) {
		this.calls.add("create");
		this.routings.add(routing);
		this.channels.add(channel);
		this.onCreate.run();
		if (this.createFailure != null) {
			throw this.createFailure;
		}
		return this.made;
	}

	@Override
	public ChannelState channel(String interactionSid, String channelSid) {
		this.calls.add("channel " + channelSid);
		if (this.channelFailure != null) {
			throw this.channelFailure;
		}
		ChannelState state = (this.channelStates.size() > 1) ? this.channelStates.removeFirst()
				: this.channelStates.getFirst();
		if (!state.settingUp() && this.afterSetup != null) {
			this.holder = this.afterSetup;
			this.afterSetup = null;
		}
		return state;
	}

	@Override
	public void closeChannel(String interactionSid, String channelSid) {
		this.calls.add("close " + channelSid);
		if (this.closeFailure != null) {
			throw this.closeFailure;
		}
		this.closed.add(channelSid);
	}

	@Override
	public Optional<CustomerConversation> openConversation(String customer, String twilioNumber) {
		this.calls.add("look-up");
		return Optional.ofNullable(this.holder);
	}

	@Override
	public Optional<InteractionTask> task(String interactionSid) {
		this.calls.add("task " + interactionSid);
		return Optional.ofNullable(this.tasks.get(interactionSid));
	}

	@Override
	public boolean isOpen(String conversationSid) {
		return this.holder != null && this.holder.conversationSid().equals(conversationSid);
	}

	@Override
	public FirstMessage.Messages messages(String conversationSid) {
		return new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return List.of();
			}

			@Override
			public String post(String body, String attributes) {
				ScriptedFlexConversations.this.calls.add("post");
				ScriptedFlexConversations.this.posted.add(conversationSid + ":" + body);
				return "IM1";
			}

		};
	}

	/** Notify conversations by unique name. */
	final Map<String, String> conversationsByName = new HashMap<>();

	/** The customer's participant, by conversation. */
	final Map<String, String> participants = new HashMap<>();

	/** The Studio webhook, by conversation. */
	final Map<String, String> webhooks = new HashMap<>();

	final List<String> deleted = new ArrayList<>();

	/** The conversation 50416 names, when adding the customer answers it. */
	@Nullable String customerElsewhereIn;

	/** Thrown after a notify create took effect at Twilio: an answer lost on the way. */
	@Nullable RuntimeException notifyAnswerLost;

	/** Which notify create loses its answer: a call's name, such as "add customer". */
	@Nullable String losesAnswer;

	@Override
	public String createConversation(String uniqueName, String attributes, NotifyProperties timers) {
		this.calls.add("create conversation");
		String sid = "CH" + (10 + this.conversationsByName.size());
		this.conversationsByName.put(uniqueName, sid);
		answered("create conversation");
		return sid;
	}

	@Override
	public Optional<String> conversationNamed(String uniqueName) {
		this.calls.add("find conversation");
		return Optional.ofNullable(this.conversationsByName.get(uniqueName));
	}

	@Override
	public void deleteConversation(String conversationSid) {
		this.calls.add("delete " + conversationSid);
		this.deleted.add(conversationSid);
	}

	@Override
	public String addCustomer(String conversationSid, String customer, String twilioNumber) {
		this.calls.add("add customer");
		if (this.customerElsewhereIn != null) {
			throw new CustomerElsewhere("50416", this.customerElsewhereIn);
		}
		this.participants.put(conversationSid, "MB1");
		answered("add customer");
		return "MB1";
	}

	@Override
	public Optional<String> customerIn(String conversationSid, String customer) {
		this.calls.add("find customer");
		return Optional.ofNullable(this.participants.get(conversationSid));
	}

	@Override
	public String addStudioWebhook(String conversationSid, String flowSid) {
		this.calls.add("add webhook " + flowSid);
		this.webhooks.put(conversationSid, "WH1");
		answered("add webhook");
		return "WH1";
	}

	@Override
	public Optional<String> studioWebhook(String conversationSid, String flowSid) {
		this.calls.add("find webhook");
		return Optional.ofNullable(this.webhooks.get(conversationSid));
	}

	private void answered(String call) {
		if (call.equals(this.losesAnswer) && this.notifyAnswerLost != null) {
			RuntimeException lost = this.notifyAnswerLost;
			this.notifyAnswerLost = null;
			throw lost;
		}
	}

}
