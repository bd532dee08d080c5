package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Applies the rules of conversation-scoped webhooks: a target of {@code webhook},
 * {@code trigger} or {@code studio} with the configuration it needs (a URL, a Studio
 * flow), at most five per conversation, none added to a closed conversation. Callers hold
 * the state lock.
 */
final class ScopedWebhookBackend {

	static final int MAX_PER_CONVERSATION = 5;

	/**
	 * Twilio documents the limit of five but not the error beyond it: code and status are
	 * guesses.
	 */
	static final int TOO_MANY_WEBHOOKS = 50518;

	private static final Set<String> TARGETS = Set.of("webhook", "trigger", ScopedWebhook.STUDIO);

	private static final Set<String> METHODS = Set.of("get", "post");

	private static final Pattern FLOW_SID = Pattern.compile("^FW[0-9a-fA-F]{32}$");

	private final EmulatorState state;

	private final ConversationsBackend conversations;

	ScopedWebhookBackend(EmulatorState state, ConversationsBackend conversations) {
		this.state = state;
		this.conversations = conversations;
	}

	ScopedWebhook create(String conversationSidOrName, Fields fields) {
		Conversation conversation = ConversationsBackend
			.requireOpen(this.conversations.conversation(conversationSidOrName));
		String target = fields.target();
		if (target == null) {
			throw TwilioApiException.missingParameter("Target");
		}
		if (!TARGETS.contains(target)) {
			throw TwilioApiException.invalidParameter("Target", target);
		}
		if (fields.replayAfter() != null && fields.replayAfter() < 0) {
			throw TwilioApiException.invalidParameter("Configuration.ReplayAfter", fields.replayAfter().toString());
		}
		boolean studio = ScopedWebhook.STUDIO.equals(target);
		if (studio) {
			requireFlowSid(fields.flowSid());
		}
		else {
			requireUrl(fields.url());
		}
		if (this.state.conversations.webhooks(conversation.sid()).size() >= MAX_PER_CONVERSATION) {
			throw new TwilioApiException(400, TOO_MANY_WEBHOOKS, "Conversation " + conversation.sid()
					+ " already has the maximum of " + MAX_PER_CONVERSATION + " scoped webhooks");
		}
		ScopedWebhook webhook = new ScopedWebhook(Sids.next("WH"), conversation.sid(), target,
				studio ? null : fields.url(), studio ? null : method(fields.method()), fields.filters(),
				fields.triggers(), studio ? fields.flowSid() : null, fields.replayAfter(), this.state.now());
		this.state.conversations.add(webhook);
		return webhook;
	}

	List<ScopedWebhook> list(String conversationSidOrName) {
		return this.state.conversations.webhooks(this.conversations.conversation(conversationSidOrName).sid());
	}

	ScopedWebhook webhook(String conversationSidOrName, String sid) {
		String conversationSid = this.conversations.conversation(conversationSidOrName).sid();
		return this.state.conversations.webhooks(conversationSid)
			.stream()
			.filter((webhook) -> webhook.sid().equals(sid))
			.findFirst()
			.orElseThrow(
					() -> TwilioApiException.notFound("/v1/Conversations/" + conversationSid + "/Webhooks/" + sid));
	}

	void delete(String conversationSidOrName, String sid) {
		this.state.conversations.removeWebhook(webhook(conversationSidOrName, sid));
	}

	private static void requireFlowSid(@Nullable String flowSid) {
		if (flowSid == null) {
			throw TwilioApiException.missingParameter("Configuration.FlowSid");
		}
		if (!FLOW_SID.matcher(flowSid).matches()) {
			throw TwilioApiException.invalidParameter("Configuration.FlowSid", flowSid);
		}
	}

	private static void requireUrl(@Nullable String url) {
		if (url == null) {
			throw TwilioApiException.missingParameter("Configuration.Url");
		}
		if (!url.startsWith("https://") && !url.startsWith("http://")) {
			throw TwilioApiException.invalidParameter("Configuration.Url", url);
		}
	}

	private static String method(@Nullable String method) {
		if (method == null) {
			return "post";
		}
		String lower = method.toLowerCase(Locale.ROOT);
		if (!METHODS.contains(lower)) {
			throw TwilioApiException.invalidParameter("Configuration.Method", method);
		}
		return lower;
	}

	/**
	 * The parameters of a scoped webhook create, as sent.
	 *
	 * @param target {@code Target}
	 * @param url {@code Configuration.Url}
	 * @param method {@code Configuration.Method}
	 * @param filters {@code Configuration.Filters}, repeated
	 * @param triggers {@code Configuration.Triggers}, repeated
	 * @param flowSid {@code Configuration.FlowSid}
	 * @param replayAfter {@code Configuration.ReplayAfter}
	 */
	record Fields(@Nullable String target, @Nullable String url, @Nullable String method, List<String> filters,
			List<String> triggers, @Nullable String flowSid, @Nullable Integer replayAfter) {

		static Fields from(Params form) {
			return new Fields(form.first("Target"), form.first("Configuration.Url"), form.first("Configuration.Method"),
					form.all("Configuration.Filters"), form.all("Configuration.Triggers"),
					form.first("Configuration.FlowSid"), form.integer("Configuration.ReplayAfter"));
		}

		static Fields studio(String flowSid) {
			return new Fields(ScopedWebhook.STUDIO, null, null, List.of(), List.of(), flowSid, null);
		}

	}

}
