package com.outboundsms.worker.twilio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.proxy.v1.service.Session;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-legacy sequence, made safe to repeat: find the Flex Flow (cached), create the
 * Flex chat channel marked as the outreach's own (or find the customer's open
 * conversation Flex answers with), create the Proxy session named after the channel, then
 * post the first message at most once. Only what the outreach provably made is adopted
 * when a create's answer was lost; a customer already in another conversation on the
 * number gets that conversation, and a channel the outreach gives up leaves no task.
 */
class FlexLegacyBackend implements OutreachBackend {

	static final String NAME = "flex-legacy";

	private static final int NON_UNIQUE_SESSION_NAME = 80603;

	private static final int PROXY_IDENTIFIER_IN_USE = 80604;

	private final TwilioRestClient client;

	private final FlexFlowDirectory flows;

	private final ProxySessions sessions;

	private final FlexChannels channels;

	private final CustomerSessions customers;

	private final SenderPacing senders;

	FlexLegacyBackend(TwilioRestClient client, FlexFlowDirectory flows, String proxyServiceSid, SenderPacing senders,
			JsonMapper json) {
		this.senders = senders;
		this.client = client;
		this.flows = flows;
		this.sessions = new ProxySessions(client, proxyServiceSid);
		this.channels = new FlexChannels(client, flows, this.sessions, json);
		this.customers = new CustomerSessions(client, this.sessions, json);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		if (request.mode() == OutreachMode.NOTIFY) {
			// refused before anything is made: a task would reach an agent for a reminder
			throw new PermanentFailure(ErrorCode.NOTIFY_NOT_CONFIGURED,
					"flex-legacy makes no notify outreaches; run the flex-conversations backend for them");
		}
		OutreachProgress identified = identified(progress, checkpoint);
		boolean messageAttemptedBefore = identified.wasAttempted(Sid.CHAT_MESSAGE);
		FlexChannels.Step channel = withChannel(request, withFlow(request, identified), checkpoint);
		if (!channel.ours()) {
			// Flex answered with the customer's open conversation on the flow: nothing
			// made, nothing posted
			return new Creation(Outcome.REUSED, channel.progress());
		}
		SessionStep session = withSessionOrGiveUp(request, channel.progress(), checkpoint);
		if (!session.made()) {
			return new Creation(Outcome.REUSED, session.progress());
		}
		OutreachProgress withSession = session.progress();
		FirstMessage.Result message = FirstMessage.ensure(request, withSession, messageAttemptedBefore, checkpoint,
				Sid.CHAT_MESSAGE, this.senders.paced(request.fromNumber(), messages(withSession)));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	@Override
	public boolean isOpen(OutreachProgress outreach) {
		return outreach.sid(Sid.PROXY_SESSION).map(this.sessions::isActive).orElse(false);
	}

	/**
	 * The progress with an outreach id to mark the channel with: an outreach stored
	 * before outreaches had ids gets one, saved before anything is marked with it, unless
	 * it already has its channel (which then carries no mark, and proves nothing).
	 */
	private static OutreachProgress identified(OutreachProgress progress, Checkpoint checkpoint) {
		if (!progress.outreachId().isEmpty() || progress.has(Sid.CHAT_CHANNEL)) {
			return progress;
		}
		OutreachProgress identified = new OutreachProgress(UUID.randomUUID().toString(), progress.sids(),
				progress.attempted());
		checkpoint.save(identified);
		return identified;
	}

	private OutreachProgress withFlow(OutboundSmsRequest request, OutreachProgress progress) {
		if (progress.has(Sid.FLEX_FLOW) && progress.has(Sid.CHAT_SERVICE)) {
			return progress;
		}
		FlexFlowDirectory.Flow flow = this.flows.find(request.fromNumber());
		return progress.with(Sid.FLEX_FLOW, flow.sid()).with(Sid.CHAT_SERVICE, flow.chatServiceSid());
	}

	private FlexChannels.Step withChannel(OutboundSmsRequest request, OutreachProgress progress,
			Checkpoint checkpoint) {
		if (progress.has(Sid.CHAT_CHANNEL)) {
			return new FlexChannels.Step(progress, true);
		}
		// no checkpoint before this create: the channel carries the outreach's mark, so a
		// pass that dies here leaves a channel the next pass recognizes as its own
		FlexChannels.Step step = this.channels.ensure(request, progress);
		if (!step.ours()) {
			return step;
		}
		// one commit says both that the channel is made and that the session is about to
		// be tried
		OutreachProgress made = step.progress().attempting(Sid.PROXY_SESSION);
		checkpoint.save(made);
		return new FlexChannels.Step(made, true);
	}

	/**
	 * The session step; when Twilio refuses the session for good, the outreach's channel
	 * and task are given up, so that a request that failed leaves no task for an agent.
	 */
	private SessionStep withSessionOrGiveUp(OutboundSmsRequest request, OutreachProgress progress,
			Checkpoint checkpoint) {
		try {
			return withSession(request, progress, checkpoint);
		}
		catch (PermanentFailure refused) {
			throw givenUp(progress, refused);
		}
	}

	/**
	 * Creates the channel's Proxy session, or, when Twilio says one exists (80603 for the
	 * channel's name, 80604 for the customer on that number), takes the outreach's own
	 * one, or finds the customer's conversation.
	 */
	private SessionStep withSession(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		if (progress.has(Sid.PROXY_SESSION)) {
			return new SessionStep(progress, true);
		}
		OutreachProgress attempting = progress.attempting(Sid.PROXY_SESSION);
		if (!progress.wasAttempted(Sid.PROXY_SESSION)) {
			checkpoint.save(attempting);
		}
		String channelSid = attempting.require(Sid.CHAT_CHANNEL);
		String sessionSid;
		try {
			sessionSid = this.sessions.create(channelSid, request);
		}
		catch (TwilioException ex) {
			return reconciled(request, attempting, checkpoint, ex);
		}
		return made(request, attempting.with(Sid.PROXY_SESSION, sessionSid), checkpoint);
	}

	private SessionStep reconciled(OutboundSmsRequest request, OutreachProgress attempting, Checkpoint checkpoint,
			TwilioException refusal) {
		boolean nameTaken = TwilioFailures.hasCode(refusal, NON_UNIQUE_SESSION_NAME);
		boolean customerTaken = TwilioFailures.hasCode(refusal, PROXY_IDENTIFIER_IN_USE);
		if (!nameTaken && !customerTaken) {
			throw TwilioFailures.classify("creating the Proxy session", refusal);
		}
		Optional<SessionStep> bound = boundSession(request, attempting, checkpoint);
		if (bound.isPresent()) {
			return bound.get();
		}
		if (customerTaken) {
			Optional<FlexConversation> conversation = this.customers.find(request,
					attempting.require(Sid.CHAT_SERVICE));
			if (conversation.isPresent()) {
				// its channel will never have a session: no agent may get its task
				giveUp(attempting);
				return new SessionStep(conversation.get().progress(attempting.outreachId()), false);
			}
		}
		throw TwilioFailures.classify("creating the Proxy session", refusal);
	}

	/**
	 * The active session the channel is tied to: the outreach's own when the channel
	 * carries its mark and the session is named after the channel (a create whose answer
	 * was lost); another's, reused, when the channel carries no mark (only one stored
	 * before outreaches had ids can).
	 */
	private Optional<SessionStep> boundSession(OutboundSmsRequest request, OutreachProgress attempting,
			Checkpoint checkpoint) {
		String channelSid = attempting.require(Sid.CHAT_CHANNEL);
		ChatChannelState chat = this.channels.read(attempting.require(Sid.CHAT_SERVICE), channelSid);
		Optional<Session> session = Optional.ofNullable(chat.proxySession())
			.flatMap(this.sessions::find)
			.filter(ProxySessions::isActive);
		if (session.isEmpty()) {
			return Optional.empty();
		}
		OutreachProgress found = attempting.with(Sid.PROXY_SESSION, session.get().getSid());
		if (attempting.outreachId().isEmpty() || !chat.isMarkedBy(ChannelMark.of(attempting.outreachId()))) {
			return Optional.of(new SessionStep(found, false));
		}
		return channelSid.equals(session.get().getUniqueName()) ? Optional.of(made(request, found, checkpoint))
				: Optional.empty();
	}

	/**
	 * A session the outreach made makes it CREATED: the same commit says that the first
	 * message, if any, is about to be posted.
	 */
	private SessionStep made(OutboundSmsRequest request, OutreachProgress withSession, Checkpoint checkpoint) {
		OutreachProgress made = FirstMessage.announced(request, withSession, Sid.CHAT_MESSAGE);
		checkpoint.save(made);
		return new SessionStep(made, true);
	}

	/**
	 * The outreach's channel and task given up after Twilio refused its session for good:
	 * the refusal, or, when giving up failed for a while, that failure, so that the
	 * request comes back and gives up again.
	 */
	private RuntimeException givenUp(OutreachProgress progress, PermanentFailure refused) {
		try {
			giveUp(progress);
			return refused;
		}
		catch (PermanentFailure cleanupRefused) {
			refused.addSuppressed(cleanupRefused);
			return refused;
		}
		catch (RuntimeException cleanupFailed) {
			cleanupFailed.addSuppressed(refused);
			return cleanupFailed;
		}
	}

	/**
	 * Gives up the outreach's channel and task, when they are provably its own: a channel
	 * stored before outreaches had ids may be another's.
	 */
	private void giveUp(OutreachProgress progress) {
		if (!progress.outreachId().isEmpty()) {
			this.channels.abandon(progress);
		}
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

	/**
	 * The session step's result.
	 *
	 * @param progress the progress with the session
	 * @param made whether the outreach made the session; else the progress names the
	 * customer's conversation another made
	 */
	private record SessionStep(OutreachProgress progress, boolean made) {
	}

}
