package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Holds the chat channels, their messages and the SMS that Proxy relayed. Not
 * thread-safe: callers hold the state lock.
 */
final class ChatStore {

	private final Map<String, ChatChannel> channels = new LinkedHashMap<>();

	private final Map<String, List<ChatMessage>> messages = new LinkedHashMap<>();

	private final List<DeliveredSms> delivered = new ArrayList<>();

	private final SidIndex byUniqueName = new SidIndex();

	void clear() {
		this.channels.clear();
		this.messages.clear();
		this.delivered.clear();
		this.byUniqueName.clear();
	}

	void put(ChatChannel channel) {
		ChatChannel replaced = this.channels.put(channel.sid(), channel);
		this.byUniqueName.refile(channel.sid(), nameKeys(replaced), nameKeys(channel));
	}

	void remove(String sid) {
		ChatChannel removed = this.channels.remove(sid);
		this.messages.remove(sid);
		this.byUniqueName.refile(sid, nameKeys(removed), List.of());
	}

	@Nullable ChatChannel channel(String sid) {
		return this.channels.get(sid);
	}

	/**
	 * Finds a channel of a service by SID or unique name, as Chat's {@code {Sid}} path
	 * segment allows.
	 */
	@Nullable ChatChannel channel(String serviceSid, String sidOrUniqueName) {
		ChatChannel bySid = this.channels.get(sidOrUniqueName);
		if (bySid != null) {
			return bySid.serviceSid().equals(serviceSid) ? bySid : null;
		}
		return this.byUniqueName.get(List.of(serviceSid, sidOrUniqueName))
			.stream()
			.findFirst()
			.map(this.channels::get)
			.orElse(null);
	}

	List<ChatChannel> channels() {
		return new ArrayList<>(this.channels.values());
	}

	void add(ChatMessage message) {
		this.messages.computeIfAbsent(message.channelSid(), (sid) -> new ArrayList<>()).add(message);
	}

	List<ChatMessage> messages(String channelSid) {
		return new ArrayList<>(this.messages.getOrDefault(channelSid, List.of()));
	}

	int messageCount() {
		return this.messages.values().stream().mapToInt(List::size).sum();
	}

	void add(DeliveredSms sms) {
		this.delivered.add(sms);
	}

	List<DeliveredSms> delivered() {
		return new ArrayList<>(this.delivered);
	}

	private static List<List<String>> nameKeys(@Nullable ChatChannel channel) {
		if (channel == null || channel.uniqueName() == null) {
			return List.of();
		}
		return List.of(List.of(channel.serviceSid(), channel.uniqueName()));
	}

}
