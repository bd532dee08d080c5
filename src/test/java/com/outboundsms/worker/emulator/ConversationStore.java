package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Holds the Flex Interactions (and those still waiting to be set up), the conversations,
 * their messages and scoped webhooks, and the interactions' tasks, in creation order, and
 * answers which open conversation holds an SMS pair, which conversations an address or
 * identity takes part in, and whose timers are due. Not thread-safe: callers hold the
 * state lock.
 */
final class ConversationStore {

	private final Map<String, Interaction> interactions = new LinkedHashMap<>();

	private final Map<String, Conversation> conversations = new LinkedHashMap<>();

	private final Map<String, List<ConversationMessage>> messages = new LinkedHashMap<>();

	private final Map<String, InteractionTask> tasks = new LinkedHashMap<>();

	private final Map<String, List<ScopedWebhook>> webhooks = new LinkedHashMap<>();

	private final TimerQueue timers = new TimerQueue();

	private final SidIndex byBinding = new SidIndex();

	private final SidIndex byParticipant = new SidIndex();

	/** Interactions accepted but not set up yet, oldest first. */
	private final Map<String, WaitingSetup> waitingForSetup = new LinkedHashMap<>();

	private InteractionSetup setup = InteractionSetup.immediate();

	private int participantConflicts;

	void clear() {
		this.interactions.clear();
		this.conversations.clear();
		this.messages.clear();
		this.tasks.clear();
		this.webhooks.clear();
		this.timers.clear();
		this.byBinding.clear();
		this.byParticipant.clear();
		this.waitingForSetup.clear();
		this.setup = InteractionSetup.immediate();
		this.participantConflicts = 0;
	}

	InteractionSetup setup() {
		return this.setup;
	}

	void setup(InteractionSetup newSetup) {
		this.setup = newSetup;
	}

	void awaitSetup(String interactionSid, WaitingSetup waiting) {
		this.waitingForSetup.put(interactionSid, waiting);
	}

	/**
	 * The interactions waiting to be set up, oldest first.
	 */
	Map<String, WaitingSetup> waitingForSetup() {
		return new LinkedHashMap<>(this.waitingForSetup);
	}

	void setUpDone(String interactionSid) {
		this.waitingForSetup.remove(interactionSid);
	}

	void put(Interaction interaction) {
		this.interactions.put(interaction.sid(), interaction);
	}

	@Nullable Interaction interaction(String sid) {
		return this.interactions.get(sid);
	}

	List<Interaction> interactions() {
		return new ArrayList<>(this.interactions.values());
	}

	void put(Conversation conversation) {
		Conversation replaced = this.conversations.put(conversation.sid(), conversation);
		this.byBinding.refile(conversation.sid(), bindingKeys(replaced), bindingKeys(conversation));
		this.byParticipant.refile(conversation.sid(), participantKeys(replaced), participantKeys(conversation));
		ConversationTimers.TimedChange next = conversation.nextTimedChange();
		this.timers.schedule(conversation.sid(), (next != null) ? next.at() : null);
	}

	void remove(String conversationSid) {
		Conversation removed = this.conversations.remove(conversationSid);
		this.messages.remove(conversationSid);
		this.webhooks.remove(conversationSid);
		this.timers.schedule(conversationSid, null);
		this.byBinding.refile(conversationSid, bindingKeys(removed), List.of());
		this.byParticipant.refile(conversationSid, participantKeys(removed), List.of());
	}

	/**
	 * Finds a conversation by SID or unique name, as the {@code {Sid}} path segment
	 * allows.
	 */
	@Nullable Conversation conversation(String sidOrUniqueName) {
		Conversation bySid = this.conversations.get(sidOrUniqueName);
		if (bySid != null) {
			return bySid;
		}
		return this.conversations.values()
			.stream()
			.filter((conversation) -> sidOrUniqueName.equals(conversation.uniqueName()))
			.findFirst()
			.orElse(null);
	}

	List<Conversation> conversations() {
		return new ArrayList<>(this.conversations.values());
	}

	/**
	 * Finds the conversation, not closed, that already has the customer address on the
	 * proxy address.
	 */
	Optional<Conversation> openHolder(MessagingBinding pair) {
		return this.byBinding.get(bindingKey(pair))
			.stream()
			.map(this.conversations::get)
			.filter((conversation) -> !conversation.isClosed())
			.findFirst();
	}

	/**
	 * The conversations, closed ones included, in which the address takes part as an SMS
	 * participant or the identity as a chat participant, in creation order.
	 */
	List<Conversation> conversationsOf(@Nullable String address, @Nullable String identity) {
		Set<String> sids = new LinkedHashSet<>();
		if (address != null) {
			sids.addAll(this.byParticipant.get(addressKey(address)));
		}
		if (identity != null) {
			sids.addAll(this.byParticipant.get(identityKey(identity)));
		}
		return sids.stream().map(this.conversations::get).toList();
	}

	/**
	 * The conversation whose timed state change is due first, if it is due by
	 * {@code now}.
	 */
	@Nullable String firstTimerDue(Instant now) {
		return this.timers.firstDue(now);
	}

	int timedConversations() {
		return this.timers.size();
	}

	void add(ScopedWebhook webhook) {
		this.webhooks.computeIfAbsent(webhook.conversationSid(), (sid) -> new ArrayList<>()).add(webhook);
	}

	void removeWebhook(ScopedWebhook webhook) {
		this.webhooks.getOrDefault(webhook.conversationSid(), new ArrayList<>()).remove(webhook);
	}

	List<ScopedWebhook> webhooks(String conversationSid) {
		return new ArrayList<>(this.webhooks.getOrDefault(conversationSid, List.of()));
	}

	List<ScopedWebhook> webhooks() {
		return this.webhooks.values().stream().flatMap(List::stream).toList();
	}

	void add(ConversationMessage message) {
		this.messages.computeIfAbsent(message.conversationSid(), (sid) -> new ArrayList<>()).add(message);
	}

	List<ConversationMessage> messages(String conversationSid) {
		return new ArrayList<>(this.messages.getOrDefault(conversationSid, List.of()));
	}

	int messageCount() {
		return this.messages.values().stream().mapToInt(List::size).sum();
	}

	void put(InteractionTask task) {
		this.tasks.put(task.sid(), task);
	}

	@Nullable InteractionTask task(String sid) {
		return this.tasks.get(sid);
	}

	List<InteractionTask> tasks() {
		return new ArrayList<>(this.tasks.values());
	}

	void countConflict() {
		this.participantConflicts++;
	}

	int participantConflicts() {
		return this.participantConflicts;
	}

	private static List<List<String>> bindingKeys(@Nullable Conversation conversation) {
		if (conversation == null) {
			return List.of();
		}
		return conversation.participants()
			.stream()
			.filter((participant) -> participant.binding() != null)
			.map((participant) -> bindingKey(participant.binding()))
			.distinct()
			.toList();
	}

	private static List<List<String>> participantKeys(@Nullable Conversation conversation) {
		if (conversation == null) {
			return List.of();
		}
		List<List<String>> keys = new ArrayList<>();
		for (ConversationParticipant participant : conversation.participants()) {
			if (participant.binding() != null) {
				keys.add(addressKey(participant.binding().address()));
			}
			if (participant.identity() != null) {
				keys.add(identityKey(participant.identity()));
			}
		}
		return keys.stream().distinct().toList();
	}

	private static List<String> addressKey(String address) {
		return List.of("address", address);
	}

	private static List<String> identityKey(String identity) {
		return List.of("identity", identity);
	}

	private static List<String> bindingKey(MessagingBinding binding) {
		return List.of(binding.address(), binding.proxyAddress());
	}

	/**
	 * An interaction accepted and not set up yet.
	 *
	 * @param acceptedAt when its create was answered, to the clock's precision
	 * @param participants the number pairs its conversation is to have
	 */
	record WaitingSetup(Instant acceptedAt, List<MessagingBinding> participants) {

		WaitingSetup {
			participants = List.copyOf(participants);
		}

	}

}
