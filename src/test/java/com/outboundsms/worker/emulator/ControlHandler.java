package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the control API under {@code /_emulator/} for out-of-process tests and the
 * benchmark: the request log, a summary of the state and counts per pair, seeding flows,
 * closing channels, sessions and conversations, faults, and how interaction creates are
 * answered.
 */
final class ControlHandler {

	private static final String PREFIX = "/_emulator";

	private final EmulatorState state;

	private final FlexBackend flex;

	private final ChannelJanitor janitor;

	private final ConversationsBackend conversations;

	private final RequestLog log;

	private final FaultPlan faults;

	private final FlexViews flexViews;

	private final ProxyViews proxyViews;

	private final ChatViews chatViews;

	private final ConversationsViews conversationsViews;

	private final BulkSeeder seeder;

	private final InboundConversations inbound;

	ControlHandler(EmulatorState state, FlexBackend flex, ChannelJanitor janitor, ConversationsBackend conversations,
			RequestLog log, FaultPlan faults, BulkSeeder seeder, InboundConversations inbound) {
		this.seeder = seeder;
		this.inbound = inbound;
		this.state = state;
		this.flex = flex;
		this.janitor = janitor;
		this.conversations = conversations;
		this.log = log;
		this.faults = faults;
		this.flexViews = new FlexViews(state.accountSid());
		this.proxyViews = new ProxyViews(state.accountSid());
		this.chatViews = new ChatViews(state.accountSid());
		this.conversationsViews = new ConversationsViews(state);
	}

	void register(Routes routes) {
		routes.add("GET", PREFIX + "/requests", (request) -> ApiResponse.ok(requests()))
			.add("DELETE", PREFIX + "/requests", (request) -> {
				this.log.clear();
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/summary", (request) -> ApiResponse.ok(summary()))
			.add("GET", PREFIX + "/delivered-sms", (request) -> ApiResponse.ok(deliveredSms()))
			.add("GET", PREFIX + "/refused-sms", (request) -> ApiResponse.ok(refusedSms()))
			.add("POST", PREFIX + "/flows", this::seedFlow)
			.add("POST", PREFIX + "/flex-tokens", this::issueToken)
			.add("POST", PREFIX + "/seed", this::seedMany)
			.add("POST", PREFIX + "/inbound-conversations", this::seedInbound)
			.add("POST", PREFIX + "/channels/{Sid}/close",
					(request) -> ApiResponse
						.ok(this.chatViews.channel(this.janitor.closeChannel(request.variable("Sid")))))
			.add("POST", PREFIX + "/sessions/{Sid}/close",
					(request) -> ApiResponse
						.ok(this.proxyViews.session(this.janitor.closeSession(request.variable("Sid")))))
			.add("POST", PREFIX + "/conversations/{Sid}/close",
					(request) -> ApiResponse
						.ok(this.conversationsViews.conversation(this.conversations.close(request.variable("Sid")))))
			.add("POST", PREFIX + "/faults/reset", (request) -> {
				// opt-outs refuse messages as faults do, so one reset ends both
				this.faults.reset();
				this.state.optOuts.clear();
				return ApiResponse.noContent();
			})
			.add("POST", PREFIX + "/faults/fail-next", this::failNext)
			.add("POST", PREFIX + "/faults/fail-randomly", this::failRandomly)
			.add("POST", PREFIX + "/faults/drop-next", this::dropNext)
			.add("POST", PREFIX + "/faults/lose-answer-next", this::loseAnswerNext)
			.add("POST", PREFIX + "/interactions/setup", this::setUpInteractions)
			.add("POST", PREFIX + "/faults/concurrency-cap", (request) -> {
				this.faults.concurrencyCap(request.form().requiredInteger("Max"));
				return ApiResponse.noContent();
			})
			.add("POST", PREFIX + "/faults/rate-limit", (request) -> {
				Params form = request.form();
				this.faults.rateLimit(form.first("Method"), form.required("PathRegex"),
						form.requiredDouble("PerSecond"));
				return ApiResponse.noContent();
			})
			.add("POST", PREFIX + "/faults/documented-rates", (request) -> {
				this.faults.documentedRates();
				return ApiResponse.noContent();
			})
			.add("POST", PREFIX + "/faults/seed", (request) -> {
				this.faults.seed(Long.parseLong(request.form().required("Seed")));
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/pairs", (request) -> ApiResponse.ok(new PairReport(this.state).render()))
			.add("POST", PREFIX + "/faults/latency", this::latency)
			.add("POST", PREFIX + "/faults/bad-credentials", (request) -> {
				this.faults.badCredentials(Boolean.TRUE.equals(request.form().bool("Enabled")));
				return ApiResponse.noContent();
			});
	}

	/**
	 * Seeds a flow for {@code ContactIdentity}: the outbound-SMS task flow, or with
	 * {@code IntegrationType=studio} the number's Studio flow (its {@code FlowSid}, or
	 * {@code Integration.FlowSid}, made up when not sent).
	 */
	private ApiResponse seedFlow(ApiRequest request) {
		Params form = request.form();
		String studioFlowSid = (form.first("FlowSid") != null) ? form.first("FlowSid")
				: form.first("Integration.FlowSid");
		NewFlexFlow spec = "studio".equals(form.first("IntegrationType"))
				? NewFlexFlow.studio(form.required("ContactIdentity"),
						(studioFlowSid != null) ? studioFlowSid : Sids.next("FW"))
				: NewFlexFlow.sms(form.required("ContactIdentity"));
		if (form.first("FriendlyName") != null) {
			spec = spec.withFriendlyName(form.required("FriendlyName"));
		}
		if (form.first("IntegrationType") != null && !"studio".equals(form.first("IntegrationType"))) {
			spec = spec.withIntegrationType(form.required("IntegrationType"));
		}
		if (form.first("ChannelType") != null) {
			spec = spec.withChannelType(form.required("ChannelType"));
		}
		return ApiResponse.created(this.flexViews.flow(this.flex.createFlow(spec)));
	}

	/**
	 * Seeds Flex's own inbound conversation of a {@code Customer} on a
	 * {@code TwilioNumber}.
	 */
	private ApiResponse seedInbound(ApiRequest request) {
		Params form = request.form();
		InboundConversation seeded = this.inbound.seed(form.required("TwilioNumber"), form.required("Customer"));
		ObjectNode json = Json.object();
		json.put("flex_flow_sid", seeded.flexFlowSid());
		json.put("channel_sid", seeded.channelSid());
		json.put("user_sid", seeded.userSid());
		json.put("session_sid", seeded.sessionSid());
		return ApiResponse.created(json);
	}

	/**
	 * Issues a Flex user token: {@code Identity}, and {@code Ttl} in seconds (default
	 * 3600; zero or negative for a token that is already expired).
	 */
	private ApiResponse issueToken(ApiRequest request) {
		Params form = request.form();
		Integer ttl = form.integer("Ttl");
		FlexToken token = this.state.tokens.issue(this.state.accountSid(), form.required("Identity"), this.state.now(),
				this.state.now().plusSeconds((ttl != null) ? ttl : 3600));
		ObjectNode json = Json.object();
		json.put("token", token.token());
		json.put("identity", token.identity());
		json.put("realm_user_id", token.realmUserId());
		json.put("expiration", TwilioTime.format(token.expiration()));
		return ApiResponse.created(json);
	}

	private ApiResponse seedMany(ApiRequest request) {
		Params form = request.form();
		Integer flows = form.integer("Flows");
		Integer sessions = form.integer("Sessions");
		String flowPrefix = (form.first("FlowPrefix") != null) ? form.required("FlowPrefix") : "+1646555";
		String customerPrefix = (form.first("CustomerPrefix") != null) ? form.required("CustomerPrefix") : "+121255";
		List<String> numbers = this.seeder.seed((flows != null) ? flows : 0, flowPrefix,
				Boolean.TRUE.equals(form.bool("StudioFlows")), (sessions != null) ? sessions : 0, customerPrefix);
		ObjectNode json = Json.object();
		json.set("flows", Json.MAPPER.valueToTree(numbers));
		json.put("sessions", (sessions != null) ? sessions : 0);
		return ApiResponse.created(json);
	}

	private ApiResponse failNext(ApiRequest request) {
		Params form = request.form();
		Integer times = form.integer("Times");
		this.faults.failNext(form.first("Method"), form.required("PathRegex"), form.requiredInteger("Status"),
				form.requiredInteger("Code"), String.valueOf(form.first("Message")), (times != null) ? times : 1);
		return ApiResponse.noContent();
	}

	private ApiResponse failRandomly(ApiRequest request) {
		Params form = request.form();
		String path = form.first("PathRegex");
		double probability = form.requiredDouble("Probability");
		this.faults.failRandomly(form.first("Method"), (path != null) ? path : ".*", probability,
				form.requiredInteger("Status"), form.requiredInteger("Code"), String.valueOf(form.first("Message")));
		return ApiResponse.noContent();
	}

	private ApiResponse dropNext(ApiRequest request) {
		Params form = request.form();
		Integer times = form.integer("Times");
		this.faults.dropNext(form.first("Method"), form.required("PathRegex"), (times != null) ? times : 1);
		return ApiResponse.noContent();
	}

	private ApiResponse loseAnswerNext(ApiRequest request) {
		Params form = request.form();
		Integer times = form.integer("Times");
		this.faults.loseAnswerNext(form.first("Method"), form.required("PathRegex"), (times != null) ? times : 1);
		return ApiResponse.noContent();
	}

	/**
	 * Sets how interaction creates are answered: {@code Mode} {@code immediate} or
	 * {@code deferred}, with {@code DelayMillis} (default 0: set up by the next request).
	 */
	private ApiResponse setUpInteractions(ApiRequest request) {
		Params form = request.form();
		String mode = form.required("Mode");
		Integer delay = form.integer("DelayMillis");
		if (delay != null && delay < 0) {
			throw TwilioApiException.invalidParameter("DelayMillis", String.valueOf(delay));
		}
		InteractionSetup setup = switch (mode) {
			case "immediate" -> InteractionSetup.immediate();
			case "deferred" -> InteractionSetup.deferred(Duration.ofMillis((delay != null) ? delay : 0));
			default -> throw TwilioApiException.invalidParameter("Mode", mode);
		};
		this.state.conversations.setup(setup);
		return ApiResponse.noContent();
	}

	private ApiResponse latency(ApiRequest request) {
		Params form = request.form();
		String path = form.first("PathRegex");
		this.faults.latency(form.first("Method"), (path != null) ? path : ".*",
				Duration.ofMillis(form.requiredInteger("Millis")));
		return ApiResponse.noContent();
	}

	private ArrayNode requests() {
		ArrayNode array = Json.MAPPER.createArrayNode();
		for (RecordedRequest recorded : this.log.all()) {
			ObjectNode json = array.addObject();
			json.put("method", recorded.method());
			json.put("path", recorded.path());
			json.put("template", recorded.template());
			json.set("query", Json.MAPPER.valueToTree(recorded.query().values()));
			json.set("form", Json.MAPPER.valueToTree(recorded.form().values()));
			json.put("username", recorded.username());
			json.put("status", recorded.status());
			json.put("error_code", recorded.errorCode());
			json.put("resource_sid", recorded.resourceSid());
			json.put("at", TwilioTime.format(recorded.at()));
		}
		return array;
	}

	private ArrayNode deliveredSms() {
		ArrayNode array = Json.MAPPER.createArrayNode();
		this.state.chat.delivered().forEach((sms) -> sms(array.addObject(), sms));
		return array;
	}

	/** The SMS opt-outs refused: each as a delivered one would be, with its error. */
	private ArrayNode refusedSms() {
		ArrayNode array = Json.MAPPER.createArrayNode();
		this.state.chat.refused()
			.forEach((refused) -> sms(array.addObject(), refused.sms()).put("error_code", refused.errorCode()));
		return array;
	}

	private static ObjectNode sms(ObjectNode json, DeliveredSms sms) {
		json.put("session_sid", sms.sessionSid());
		json.put("channel_sid", sms.channelSid());
		json.put("conversation_sid", sms.conversationSid());
		json.put("to", sms.to());
		json.put("from", sms.from());
		json.put("body", sms.body());
		json.put("at", TwilioTime.format(sms.at()));
		return json;
	}

	private ObjectNode summary() {
		ObjectNode json = Json.object();
		json.put("flows", this.state.flex.flows().size());
		json.set("channels", counts(this.state.chat.channels(), (channel) -> String.valueOf(channel.status())));
		json.put("channel_reuses", this.state.flex.channelReuses());
		json.set("tasks", counts(this.state.flex.tasks(), FlexTask::status));
		json.set("sessions", counts(this.state.proxy.sessions(), ProxySession::status));
		json.put("messages", this.state.chat.messageCount());
		json.put("interactions", this.state.conversations.interactions().size());
		json.set("conversations", counts(this.state.conversations.conversations(), Conversation::state));
		json.put("conversation_messages", this.state.conversations.messageCount());
		json.set("interaction_tasks", counts(this.state.conversations.tasks(), InteractionTask::status));
		json.set("interaction_channels", counts(this.state.conversations.interactions(), Interaction::channelStatus));
		json.put("participant_conflicts", this.state.conversations.participantConflicts());
		json.put("sms_delivered", this.state.chat.delivered().size());
		json.put("sms_refused", this.state.chat.refused().size());
		json.put("opt_outs", this.state.optOuts.all().size());
		json.set("conversation_webhooks", counts(this.state.conversations.webhooks(), ScopedWebhook::target));
		json.put("timed_conversations", this.state.conversations.timedConversations());
		json.put("rate_limited", this.faults.rateLimited());
		List<RecordedRequest> requests = this.log.all();
		json.set("requests", counts(requests,
				(request) -> request.method() + " " + ((request.template() != null) ? request.template() : "?")));
		json.set("statuses", counts(requests, (request) -> String.valueOf(request.status())));
		return json;
	}

	private static <T> ObjectNode counts(List<T> items, Function<T, String> key) {
		Map<String, Long> counts = items.stream()
			.collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
		ObjectNode json = Json.object();
		counts.forEach(json::put);
		return json;
	}

}
