package com.outboundsms.worker.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts per pair of numbers (the Twilio number, the customer's) what holds it and what
 * it carried: Flex channels and their messages, Proxy sessions, conversations with their
 * messages and scoped webhooks, and the SMS texted and refused; what a test counts to
 * show that nothing was made or sent twice. Callers hold the state lock.
 */
final class PairReport {

	private final EmulatorState state;

	PairReport(EmulatorState state) {
		this.state = state;
	}

	ArrayNode render() {
		Map<String, PairCount> counts = new TreeMap<>();
		countChannels(counts);
		countSessions(counts);
		countConversations(counts);
		this.state.chat.delivered().forEach((sms) -> count(counts, sms.from(), sms.to()).smsDelivered++);
		this.state.chat.refused()
			.forEach((refused) -> count(counts, refused.sms().from(), refused.sms().to()).smsRefused++);
		ArrayNode array = Json.MAPPER.createArrayNode();
		counts.forEach((key, count) -> {
			ObjectNode json = array.addObject();
			json.put("from", key.substring(0, key.indexOf(' ')));
			json.put("to", key.substring(key.indexOf(' ') + 1));
			json.put("channels", count.channels);
			json.put("sessions", count.sessions);
			json.put("active_sessions", count.activeSessions);
			json.put("messages", count.messages);
			json.put("conversations", count.conversations);
			json.put("open_conversations", count.openConversations);
			json.put("conversation_messages", count.conversationMessages);
			json.put("webhooks", count.webhooks);
			json.put("studio_webhooks", count.studioWebhooks);
			json.put("sms_delivered", count.smsDelivered);
			json.put("sms_refused", count.smsRefused);
		});
		return array;
	}

	private void countChannels(Map<String, PairCount> counts) {
		Map<String, String> flowNumbers = new HashMap<>();
		this.state.flex.flows().forEach((flow) -> flowNumbers.put(flow.sid(), flow.contactIdentity()));
		for (FlexChannel channel : this.state.flex.channels()) {
			PairCount count = count(counts, flowNumbers.getOrDefault(channel.flexFlowSid(), "?"),
					String.valueOf(channel.target()));
			count.channels++;
			count.messages += this.state.chat.messages(channel.sid()).size();
		}
	}

	private void countSessions(Map<String, PairCount> counts) {
		for (ProxySession session : this.state.proxy.sessions()) {
			for (ProxyParticipant participant : session.participants()) {
				// the customer's participant, not the chat channel's (whose identifier is
				// the channel's SID)
				if (participant.proxyIdentifier() != null && !participant.identifier().startsWith("CH")) {
					PairCount count = count(counts, participant.proxyIdentifier(), participant.identifier());
					count.sessions++;
					count.activeSessions += session.isActive() ? 1 : 0;
				}
			}
		}
	}

	private void countConversations(Map<String, PairCount> counts) {
		for (Conversation conversation : this.state.conversations.conversations()) {
			for (ConversationParticipant participant : conversation.participants()) {
				MessagingBinding binding = participant.binding();
				if (binding == null) {
					continue;
				}
				PairCount count = count(counts, binding.proxyAddress(), binding.address());
				count.conversations++;
				count.openConversations += conversation.isClosed() ? 0 : 1;
				count.conversationMessages += this.state.conversations.messages(conversation.sid()).size();
				for (ScopedWebhook webhook : this.state.conversations.webhooks(conversation.sid())) {
					count.webhooks++;
					count.studioWebhooks += webhook.isStudio() ? 1 : 0;
				}
			}
		}
	}

	private static PairCount count(Map<String, PairCount> counts, String from, String to) {
		return counts.computeIfAbsent(from + " " + to, (any) -> new PairCount());
	}

	/** Running counts of one pair's resources. */
	private static final class PairCount {

		private int channels;

		private int sessions;

		private int activeSessions;

		private int messages;

		private int conversations;

		private int openConversations;

		private int conversationMessages;

		private int webhooks;

		private int studioWebhooks;

		private int smsDelivered;

		private int smsRefused;

	}

}
