package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Holds the Flex Interactions, the conversations, their messages and the interactions'
 * tasks, in creation order, and answers which open conversation holds an SMS pair. Not
 * thread-safe: callers hold the state lock.
 */
final class ConversationStore {

	private final Map<String, Interaction> interactions = new LinkedHashMap<>();

	private final Map<String, Conversation> conversations = new LinkedHashMap<>();

	private final Map<String, List<ConversationMessage>> messages = new LinkedHashMap<>();

	private final Map<String, InteractionTask> tasks = new LinkedHashMap<>();

	private final SidIndex byBinding = new SidIndex();

	private int participantConflicts;

	void clear() {
		this.interactions.clear();
		this.conversations.clear();
		this.messages.clear();
		this.tasks.clear();
		this.byBinding.clear();
		this.participantConflicts = 0;
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
	}

	void remove(String conversationSid) {
		Conversation removed = this.conversations.remove(conversationSid);
		this.messages.remove(conversationSid);
		this.byBinding.refile(conversationSid, bindingKeys(removed), List.of());
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

	private static List<String> bindingKey(MessagingBinding binding) {
		return List.of(binding.address(), binding.proxyAddress());
	}

}
