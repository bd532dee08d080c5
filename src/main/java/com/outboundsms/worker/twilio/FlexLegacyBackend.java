package com.outboundsms.worker.twilio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.proxy.v1.service.Session;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-legacy sequence, made safe to repeat: find the Flex Flow (cached), create the
 * Flex chat channel (Twilio answers an ACTIVE channel for the same flow and target with
 * that channel), create the Proxy session named after the channel (reconciling 80603 and
 * 80604 with the session the channel already has), then post the first message at most
 * once.
 */
class FlexLegacyBackend implements OutreachBackend {

	static final String NAME = "flex-legacy";

	private static final int NON_UNIQUE_SESSION_NAME = 80603;

	private static final int PROXY_IDENTIFIER_IN_USE = 80604;

	private final TwilioRestClient client;

	private final FlexFlowDirectory flows;

	private final String proxyServiceSid;

	private final TaskAttributes taskAttributes;

	private final JsonMapper json;

	FlexLegacyBackend(TwilioRestClient client, FlexFlowDirectory flows, String proxyServiceSid, JsonMapper json) {
		this.client = client;
		this.flows = flows;
		this.proxyServiceSid = proxyServiceSid;
		this.json = json;
		this.taskAttributes = new TaskAttributes(json);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		// whether a pass before this one (which may have died) already tried the session
		boolean sessionAttemptedBefore = progress.wasAttempted(Sid.PROXY_SESSION);
		boolean messageAttemptedBefore = progress.wasAttempted(Sid.CHAT_MESSAGE);
		OutreachProgress made = withChannel(request, withFlow(request, progress), checkpoint);
		SessionStep session = withSession(request, made, checkpoint);
		if (session.foundExisting() && !sessionAttemptedBefore) {
			// the pair was already in an active session nobody here made (Flex's own, or
			// another tool's)
			return new Creation(Outcome.REUSED, session.progress());
		}
		OutreachProgress withSession = session.progress();
		FirstMessage.Result message = FirstMessage.ensure(request, withSession, messageAttemptedBefore, checkpoint,
				Sid.CHAT_MESSAGE, messages(withSession));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	@Override
	public boolean isOpen(OutreachProgress outreach) {
		return outreach.sid(Sid.PROXY_SESSION).map(this::isActive).orElse(false);
	}

	private OutreachProgress withFlow(OutboundSmsRequest request, OutreachProgress progress) {
		if (progress.has(Sid.FLEX_FLOW) && progress.has(Sid.CHAT_SERVICE)) {
			return progress;
		}
		FlexFlowDirectory.Flow flow = this.flows.find(request.fromNumber());
		return progress.with(Sid.FLEX_FLOW, flow.sid()).with(Sid.CHAT_SERVICE, flow.chatServiceSid());
	}

	private OutreachProgress withChannel(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		if (progress.has(Sid.CHAT_CHANNEL)) {
			return progress;
		}
		// no checkpoint before this create: Flex answers a repeated create for the flow
		// and
		// target with the ACTIVE channel it made, so a pass that dies here leaves nothing
		// that a retry could make twice
		Channel channel = TwilioFailures.call("creating the Flex chat channel",
				() -> Channel
					.creator(progress.require(Sid.FLEX_FLOW), identity(request.pair()), request.toName(),
							"SMS" + request.toNumber())
					.setTarget(request.toNumber())
					.setTaskAttributes(this.taskAttributes.legacy(request))
					.create(this.client));
		// one commit says both that the channel is made and that the session is about to
		// be tried
		OutreachProgress made = progress.with(Sid.CHAT_CHANNEL, channel.getSid())
			.with(Sid.TASK, channel.getTaskSid())
			.attempting(Sid.PROXY_SESSION);
		checkpoint.save(made);
		return made;
	}

	/**
	 * Creates the channel's Proxy session, or takes the active one Twilio says exists
	 * already (80603 for the channel's name, 80604 for the customer on that number).
	 */
	private SessionStep withSession(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		if (progress.has(Sid.PROXY_SESSION)) {
			return new SessionStep(progress, false);
		}
		OutreachProgress attempting = progress.attempting(Sid.PROXY_SESSION);
		if (!progress.wasAttempted(Sid.PROXY_SESSION)) {
			checkpoint.save(attempting);
		}
		String channelSid = attempting.require(Sid.CHAT_CHANNEL);
		Session session;
		try {
			session = Session.creator(this.proxyServiceSid)
				.setUniqueName(channelSid)
				.setMode(Session.Mode.MESSAGE_ONLY)
				.setParticipants(List.of(participant(request.toNumber(), request), participant(channelSid, request)))
				.create(this.client);
		}
		catch (TwilioException ex) {
			Optional<String> existing = (TwilioFailures.hasCode(ex, NON_UNIQUE_SESSION_NAME)
					|| TwilioFailures.hasCode(ex, PROXY_IDENTIFIER_IN_USE)) ? findActiveSession(attempting)
							: Optional.empty();
			if (existing.isEmpty()) {
				throw TwilioFailures.classify("creating the Proxy session", ex);
			}
			OutreachProgress found = attempting.with(Sid.PROXY_SESSION, existing.get());
			checkpoint.save(found);
			return new SessionStep(found, true);
		}
		// a session made here makes the outreach CREATED: the same commit says that the
		// first message, if any, is about to be posted
		OutreachProgress made = FirstMessage.announced(request, attempting.with(Sid.PROXY_SESSION, session.getSid()),
				Sid.CHAT_MESSAGE);
		checkpoint.save(made);
		return new SessionStep(made, false);
	}

	/**
	 * The chat channel's messages, where Proxy picks the first one up and sends it as
	 * SMS.
	 */
	private FirstMessage.Messages messages(OutreachProgress progress) {
		String service = progress.require(Sid.CHAT_SERVICE);
		String channel = progress.require(Sid.CHAT_CHANNEL);
		return new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return TwilioFailures.call("looking for the first message",
						() -> Message.reader(service, channel)
							.setOrder(Message.OrderType.DESC)
							.setPageSize(50L)
							.firstPage(FlexLegacyBackend.this.client)
							.getRecords()
							.stream()
							.map((message) -> new FirstMessage.Posted(message.getSid(), message.getAttributes()))
							.toList());
			}

			@Override
			public String post(String body, String attributes) {
				return TwilioFailures.call("posting the first message",
						() -> Message.creator(service, channel)
							.setBody(body)
							.setAttributes(attributes)
							.create(FlexLegacyBackend.this.client)
							.getSid());
			}

		};
	}

	/** The active session the channel's {@code proxySession} attribute names, if any. */
	private Optional<String> findActiveSession(OutreachProgress progress) {
		var chatChannel = TwilioFailures.call("reading the chat channel",
				() -> com.twilio.rest.chat.v2.service.Channel
					.fetcher(progress.require(Sid.CHAT_SERVICE), progress.require(Sid.CHAT_CHANNEL))
					.fetch(this.client));
		JsonNode attributes = this.json.readTree(Optional.ofNullable(chatChannel.getAttributes()).orElse("{}"));
		JsonNode sessionSid = attributes.path("proxySession");
		if (!sessionSid.isString() || !isActive(sessionSid.asString())) {
			return Optional.empty();
		}
		return Optional.of(sessionSid.asString());
	}

	private boolean isActive(String sessionSid) {
		try {
			Session.Status status = Session.fetcher(this.proxyServiceSid, sessionSid).fetch(this.client).getStatus();
			return status == Session.Status.OPEN || status == Session.Status.IN_PROGRESS;
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return false;
			}
			throw TwilioFailures.classify("reading the Proxy session", ex);
		}
	}

	private static Map<String, Object> participant(String identifier, OutboundSmsRequest request) {
		Map<String, Object> participant = new LinkedHashMap<>();
		participant.put("Identifier", identifier);
		participant.put("ProxyIdentifier", request.fromNumber());
		participant.put("FriendlyName", request.toName());
		return participant;
	}

	/**
	 * The chat user identity for the pair: stable across retries so a repeated create
	 * matches, and a digest so it carries no phone number.
	 */
	static String identity(NumberPair pair) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((pair.fromNumber() + ">" + pair.toNumber()).getBytes(StandardCharsets.UTF_8));
			return "outbound-sms-" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The session step's result.
	 *
	 * @param progress the progress with the session
	 * @param foundExisting whether Twilio already had an active session for the channel
	 * or pair
	 */
	private record SessionStep(OutreachProgress progress, boolean foundExisting) {
	}

}
