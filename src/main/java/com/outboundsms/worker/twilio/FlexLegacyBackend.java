package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.proxy.v1.service.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flex-legacy sequence, made safe to repeat: find the number's Flex Flow (cached),
 * create the Flex chat channel marked as the outreach's own (or find the customer's open
 * conversation Flex answers with), create the Proxy session named after the channel, then
 * post the first message at most once. Only what the outreach provably made is adopted
 * when a create's answer was lost; a customer already in another conversation on the
 * number gets that conversation, and a channel the outreach gives up leaves no task.
 *
 * <p>
 * A notify request ("message now, task on reply") goes the same way on the number's Flex
 * Flow of integration type studio: its channel makes no task (Studio's "Send to Flex"
 * makes it when the customer replies), and its session closes after
 * {@code TWILIO_NOTIFY_CLOSED_TIMER} without a message, which frees the customer. Further
 * reminders are posted into the open channel once per request id ({@link #postInto}); a
 * task request on it makes the agent's task on that channel ({@link NotifyEscalation}).
 * That escalation is told by the progress passed in, not looked for at Twilio, which
 * cannot show a reminder's session among the customer's (its chat user is named after the
 * outreach): the store starts the task request's outreach from the reminder's flow,
 * channel and session ({@link #escalationStart}), in the same write that replaces the
 * reminder, so every attempt of it sees a Studio flow and makes the task there.
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

	private final NotifyEscalation escalation;

	private final Duration notifySessionTtl;

	FlexLegacyBackend(TwilioRestClient client, FlexFlowDirectory flows, TwilioProperties properties,
			NotifyProperties notify, SenderPacing senders, JsonMapper json) {
		this.senders = senders;
		this.client = client;
		this.flows = flows;
		this.notifySessionTtl = notify.notifyClosedTimer();
		this.sessions = new ProxySessions(client, properties.proxyServiceSid());
		FlexTasks tasks = new FlexTasks(client, properties.workflowSid(), properties.taskChannel());
		this.channels = new FlexChannels(client, flows, this.sessions, tasks, json);
		this.customers = new CustomerSessions(client, this.sessions, json);
		this.escalation = new NotifyEscalation(client, this.sessions, tasks, new TaskAttributes(json), senders);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		OutreachProgress identified = identified(progress, checkpoint);
		if (request.mode() == OutreachMode.TASK && NotifyEscalation.escalates(identified)) {
			if (this.escalation.goesOn(identified)) {
				return this.escalation.create(request, identified, checkpoint);
			}
			// the reminder's conversation ended: the agent's task gets an outreach of its
			// own, under a new id, since what carries this one's mark is the reminder's
			identified = OutreachProgress.start(UUID.randomUUID().toString());
			checkpoint.save(identified);
		}
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
				Sid.CHAT_MESSAGE, messages(request, withSession));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	/**
	 * Posts a reminder into the pair's open notify channel, once per request id. Proxy
	 * texts it after Twilio accepted it, so an opted-out customer (21610) is not learned
	 * here: the message is posted and not texted.
	 */
	@Override
	public String postInto(OutboundSmsRequest request, OutreachProgress open) {
		return FirstMessage.postOnce(request, messages(request, open));
	}

	@Override
	public Map<Sid, String> escalationStart(OutreachProgress notify) {
		return NotifyEscalation.startFrom(notify);
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
		// an escalation's channel is the reminder's: its task is what carries the mark
		boolean ownChannel = progress.has(Sid.CHAT_CHANNEL) && !NotifyEscalation.escalates(progress);
		if (!progress.outreachId().isEmpty() || ownChannel) {
			return progress;
		}
		OutreachProgress identified = new OutreachProgress(UUID.randomUUID().toString(), progress.sids(),
				progress.attempted());
		checkpoint.save(identified);
		return identified;
	}

	/**
	 * The progress on the number's flow for the request's mode: its task flow, or its
	 * Studio flow for a notify request (none is a permanent failure before anything is
	 * made).
	 */
	private OutreachProgress withFlow(OutboundSmsRequest request, OutreachProgress progress) {
		if (progress.has(Sid.FLEX_FLOW) && progress.has(Sid.CHAT_SERVICE)) {
			return progress;
		}
		return this.flows.find(request.fromNumber(), request.mode()).on(progress);
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
			sessionSid = this.sessions.create(channelSid, request, sessionTtl(attempting));
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
	 * How long the session stays open without a message: a notify outreach's closes by
	 * itself, as a notify conversation does, so that an unanswered reminder does not hold
	 * the customer on the number; a task outreach's lasts as long as its channel.
	 */
	private @Nullable Duration sessionTtl(OutreachProgress progress) {
		return (FlexChannels.modeOf(progress) == OutreachMode.NOTIFY) ? this.notifySessionTtl : null;
	}

	/**
	 * The chat channel's messages, where Proxy picks each one up and texts it, posted at
	 * the sender's pace.
	 */
	private FirstMessage.Messages messages(OutboundSmsRequest request, OutreachProgress progress) {
		return this.senders.paced(request.fromNumber(), ChatChannelMessages.of(this.client, progress));
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
