package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Holds the chat channels, their messages, the chat users and their memberships, and the
 * SMS texted (or refused) for chat channels and conversations. Not thread-safe: callers
 * hold the state lock.
 */
final class ChatStore {

	private final Map<String, ChatChannel> channels = new LinkedHashMap<>();

	private final Map<String, List<ChatMessage>> messages = new LinkedHashMap<>();

	private final List<DeliveredSms> delivered = new ArrayList<>();

	private final List<RefusedSms> refused = new ArrayList<>();

	private final SidIndex byUniqueName = new SidIndex();

	private final Map<String, ChatUser> users = new LinkedHashMap<>();

	private final SidIndex byIdentity = new SidIndex();

	private final Map<String, ChatMember> members = new LinkedHashMap<>();

	private final SidIndex membersByUser = new SidIndex();

	private final SidIndex membersByChannel = new SidIndex();

	void clear() {
		this.channels.clear();
		this.messages.clear();
		this.delivered.clear();
		this.refused.clear();
		this.byUniqueName.clear();
		this.users.clear();
		this.byIdentity.clear();
		this.members.clear();
		this.membersByUser.clear();
		this.membersByChannel.clear();
	}

	void put(ChatChannel channel) {
		ChatChannel replaced = this.channels.put(channel.sid(), channel);
		this.byUniqueName.refile(channel.sid(), nameKeys(replaced), nameKeys(channel));
	}

	void remove(String sid) {
		ChatChannel removed = this.channels.remove(sid);
		this.messages.remove(sid);
		this.byUniqueName.refile(sid, nameKeys(removed), List.of());
		for (String memberSid : List.copyOf(this.membersByChannel.get(List.of(sid)))) {
			ChatMember member = this.members.remove(memberSid);
			this.membersByChannel.remove(List.of(sid), memberSid);
			this.membersByUser.remove(List.of(member.userSid()), memberSid);
		}
	}

	void add(ChatUser user) {
		this.users.put(user.sid(), user);
		this.byIdentity.add(List.of(user.serviceSid(), user.identity()), user.sid());
	}

	/**
	 * Finds a user of a service by SID or identity, as Chat's {@code {UserSid}} path
	 * segment allows.
	 */
	@Nullable ChatUser user(String serviceSid, String sidOrIdentity) {
		return find(this.users, this.byIdentity, ChatUser::serviceSid, serviceSid, sidOrIdentity);
	}

	void join(ChatMember member) {
		this.members.put(member.sid(), member);
		this.membersByUser.add(List.of(member.userSid()), member.sid());
		this.membersByChannel.add(List.of(member.channelSid()), member.sid());
	}

	/** The user's memberships, oldest first. */
	List<ChatMember> memberships(String userSid) {
		return this.membersByUser.get(List.of(userSid)).stream().map(this.members::get).toList();
	}

	@Nullable ChatChannel channel(String sid) {
		return this.channels.get(sid);
	}

	/**
	 * Finds a channel of a service by SID or unique name, as Chat's {@code {Sid}} path
	 * segment allows.
	 */
	@Nullable ChatChannel channel(String serviceSid, String sidOrUniqueName) {
		return find(this.channels, this.byUniqueName, ChatChannel::serviceSid, serviceSid, sidOrUniqueName);
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

	void add(RefusedSms sms) {
		this.refused.add(sms);
	}

	List<RefusedSms> refused() {
		return new ArrayList<>(this.refused);
	}

	/**
	 * Finds a resource of a service by SID, or by the name it is filed under in the
	 * service.
	 */
	private static <T> @Nullable T find(Map<String, T> bySid, SidIndex byName, Function<T, String> serviceOf,
			String serviceSid, String sidOrName) {
		T found = bySid.get(sidOrName);
		if (found != null) {
			return serviceOf.apply(found).equals(serviceSid) ? found : null;
		}
		return byName.get(List.of(serviceSid, sidOrName)).stream().findFirst().map(bySid::get).orElse(null);
	}

	private static List<List<String>> nameKeys(@Nullable ChatChannel channel) {
		if (channel == null || channel.uniqueName() == null) {
			return List.of();
		}
		return List.of(List.of(channel.serviceSid(), channel.uniqueName()));
	}

}
