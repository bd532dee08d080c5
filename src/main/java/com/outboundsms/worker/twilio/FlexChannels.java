package com.outboundsms.worker.twilio;

import java.util.Objects;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.flexapi.v1.ChannelCreator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Flex chat channel of a legacy outreach: on the number's task flow with the task's
 * attributes (Flex makes the task), or, for a notify outreach, on its Studio flow without
 * (Flex makes none). It is created marked with the outreach's mark, then the chat channel
 * is read back: Flex answers a create for a flow and customer that already have an ACTIVE
 * channel with that channel, and only the mark tells the outreach's own from another's.
 * Another's channel with an active Proxy session is the customer's open conversation; one
 * without is left over (its session closed while it stayed ACTIVE), and is made INACTIVE,
 * as Flex's janitor does, before the create is tried once more. A channel the outreach
 * gives up is ended with its task.
 */
class FlexChannels {

	private static final String CREATING = "creating the Flex chat channel";

	private static final int UNIQUE_NAME_TAKEN = 45208;

	private static final int FLOW_NOT_FOUND = 45205;

	private final TwilioRestClient client;

	private final FlexFlowDirectory flows;

	private final ProxySessions sessions;

	private final FlexTasks tasks;

	private final TaskAttributes taskAttributes;

	private final JsonMapper json;

	FlexChannels(TwilioRestClient client, FlexFlowDirectory flows, ProxySessions sessions, FlexTasks tasks,
			JsonMapper json) {
		this.client = client;
		this.flows = flows;
		this.sessions = sessions;
		this.json = json;
		this.tasks = tasks;
		this.taskAttributes = new TaskAttributes(json);
	}

	/**
	 * Makes the outreach's channel, or finds the customer's open conversation on the
	 * flow.
	 * @param request the request
	 * @param progress the outreach, its flow known
	 * @return the progress with the outreach's own channel and task, or the conversation
	 * another made
	 */
	Step ensure(OutboundSmsRequest request, OutreachProgress progress) {
		String mark = ChannelMark.of(progress.outreachId());
		OutreachProgress current = progress;
		boolean endedOne = false;
		while (true) {
			Created created = create(request, current, mark);
			current = created.progress();
			ChatChannelState chat = read(current.require(Sid.CHAT_SERVICE), created.channelSid());
			ChatChannelState.Found found = chat.found(mark, this.sessions::isActive);
			if (found == ChatChannelState.Found.OWN) {
				return new Step(current.with(Sid.CHAT_CHANNEL, created.channelSid()).with(Sid.TASK, created.taskSid()),
						true);
			}
			if (found == ChatChannelState.Found.OPEN_CONVERSATION) {
				FlexConversation conversation = new FlexConversation(current.require(Sid.FLEX_FLOW),
						current.require(Sid.CHAT_SERVICE), created.channelSid(),
						Objects.requireNonNull(chat.proxySession()), created.taskSid());
				return new Step(conversation.progress(current.outreachId()), false);
			}
			if (endedOne) {
				throw new TransientFailure("Flex answered the channel create with another ACTIVE channel without an"
						+ " active session after the first was made INACTIVE: another client is making one");
			}
			end(current.require(Sid.CHAT_SERVICE), chat);
			endedOne = true;
		}
	}

	/**
	 * Reads a chat channel.
	 * @param chatServiceSid its service
	 * @param channelSid the channel, or its unique name
	 * @return what Flex keeps on it
	 */
	ChatChannelState read(String chatServiceSid, String channelSid) {
		com.twilio.rest.chat.v2.service.Channel chat = TwilioFailures.call("reading the chat channel",
				() -> com.twilio.rest.chat.v2.service.Channel.fetcher(chatServiceSid, channelSid).fetch(this.client));
		return ChatChannelState.of(chat.getSid(), chat.getUniqueName(), chat.getAttributes(), this.json);
	}

	/**
	 * Gives up the outreach's channel: its task ended so that no agent gets it, then the
	 * channel deleted. Safe to repeat.
	 * @param progress the outreach, with the channel and task it made
	 */
	void abandon(OutreachProgress progress) {
		progress.sid(Sid.TASK).ifPresent(this.tasks::end);
		progress.sid(Sid.CHAT_CHANNEL).ifPresent(this::delete);
	}

	private void delete(String channelSid) {
		try {
			Channel.deleter(channelSid).delete(this.client);
		}
		catch (TwilioException ex) {
			if (!TwilioFailures.isNotFound(ex)) {
				throw TwilioFailures.classify("deleting the Flex chat channel", ex);
			}
		}
	}

	/** Marks a left-over channel INACTIVE, keeping the rest of its attributes. */
	private void end(String chatServiceSid, ChatChannelState chat) {
		TwilioFailures.call("marking a left-over chat channel INACTIVE",
				() -> com.twilio.rest.chat.v2.service.Channel.updater(chatServiceSid, chat.sid())
					.setAttributes(chat.inactiveAttributes(this.json))
					.update(this.client));
	}

	/**
	 * Creates the channel; when Twilio says the flow is gone, the flows are read again
	 * and the create is tried once more on the number's flow as it is now.
	 */
	private Created create(OutboundSmsRequest request, OutreachProgress progress, String mark) {
		try {
			return createOn(request, progress, mark);
		}
		catch (TwilioException ex) {
			if (!TwilioFailures.isNotFound(ex) && !TwilioFailures.hasCode(ex, FLOW_NOT_FOUND)) {
				throw TwilioFailures.classify(CREATING, ex);
			}
			String stale = progress.require(Sid.FLEX_FLOW);
			FlexFlowDirectory.Flow flow = this.flows.refreshed(request.fromNumber(), stale, modeOf(progress));
			if (flow.sid().equals(stale)) {
				throw TwilioFailures.classify(CREATING, ex);
			}
			OutreachProgress moved = flow.on(progress);
			return TwilioFailures.call(CREATING, () -> createOn(request, moved, mark));
		}
	}

	private Created createOn(OutboundSmsRequest request, OutreachProgress progress, String mark) {
		try {
			ChannelCreator creator = Channel
				.creator(progress.require(Sid.FLEX_FLOW), mark, request.toName(), "SMS" + request.toNumber())
				.setTarget(request.toNumber())
				.setChatUniqueName(mark);
			if (modeOf(progress) == OutreachMode.TASK) {
				// a Studio flow makes no task: Studio's "Send to Flex" does, on a reply
				creator.setTaskAttributes(this.taskAttributes.legacy(request));
			}
			Channel channel = creator.create(this.client);
			return new Created(progress, channel.getSid(), channel.getTaskSid());
		}
		catch (TwilioException ex) {
			if (!TwilioFailures.hasCode(ex, UNIQUE_NAME_TAKEN)) {
				throw ex;
			}
			return marked(progress, mark);
		}
	}

	/**
	 * The outreach's own ACTIVE channel that Twilio would not answer the create with (it
	 * holds the mark as unique name, on a flow no longer the number's).
	 */
	private Created marked(OutreachProgress progress, String mark) {
		ChatChannelState chat = read(progress.require(Sid.CHAT_SERVICE), mark);
		Channel flex = TwilioFailures.call("reading the Flex chat channel",
				() -> Channel.fetcher(chat.sid()).fetch(this.client));
		return new Created(progress.with(Sid.FLEX_FLOW, flex.getFlexFlowSid()), chat.sid(), flex.getTaskSid());
	}

	/**
	 * The mode of the outreach a channel is made for, as its flow says.
	 * @param progress the outreach, its flow known
	 * @return {@link OutreachMode#NOTIFY} on a Studio flow
	 */
	static OutreachMode modeOf(OutreachProgress progress) {
		return progress.has(Sid.STUDIO_FLOW) ? OutreachMode.NOTIFY : OutreachMode.TASK;
	}

	/**
	 * The channel step's result.
	 *
	 * @param progress the outreach with its channel, or the conversation another made
	 * @param ours whether the outreach made the channel
	 */
	record Step(OutreachProgress progress, boolean ours) {
	}

	/**
	 * A channel the create answered with.
	 *
	 * @param progress the outreach, with the flow the channel was made on
	 * @param channelSid the channel
	 * @param taskSid its task, if Flex made one
	 */
	private record Created(OutreachProgress progress, String channelSid, @Nullable String taskSid) {
	}

}
