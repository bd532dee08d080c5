package com.outboundsms.worker.twilio;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend.Checkpoint;
import com.outboundsms.worker.processing.OutreachBackend.Creation;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.twilio.http.TwilioRestClient;

/**
 * The agent's task on a legacy notify outreach, when a task request escalates it: what
 * Studio's "Send to Flex" does on a reply, a TaskRouter task in Flex's workspace whose
 * attributes name the outreach's chat channel, so that the agent gets the conversation
 * with the reminder in it; then the request's own message, if any, posted once under the
 * reminder.
 *
 * <p>
 * Twilio cannot show which of a customer's sessions is a reminder's: the notify channel's
 * chat user is named after its outreach, never after the customer. So the store tells:
 * when the processor replaces the pair's open notify outreach for a task request, the new
 * outreach starts from the notify outreach's flow, channel and session
 * ({@link #startFrom}), kept with its claim; a task request whose progress is on a Studio
 * flow is an escalation on every attempt. The task is checkpointed as attempted before it
 * is created, and a later attempt looks for it by the outreach's id in its attributes
 * ({@code EvaluateTaskAttributes}) before creating it again.
 */
final class NotifyEscalation {

	/** What an escalation builds on: the notify outreach's flow, channel and session. */
	private static final List<Sid> CARRIED = List.of(Sid.FLEX_FLOW, Sid.CHAT_SERVICE, Sid.STUDIO_FLOW, Sid.CHAT_CHANNEL,
			Sid.PROXY_SESSION);

	private final ProxySessions sessions;

	private final FlexTasks tasks;

	private final TaskAttributes attributes;

	private final TwilioRestClient client;

	private final SenderPacing senders;

	NotifyEscalation(TwilioRestClient client, ProxySessions sessions, FlexTasks tasks, TaskAttributes attributes,
			SenderPacing senders) {
		this.client = client;
		this.sessions = sessions;
		this.tasks = tasks;
		this.attributes = attributes;
		this.senders = senders;
	}

	/**
	 * What an escalation of a notify outreach starts from.
	 * @param notify the open notify outreach
	 * @return its flow, channel and session (its message stays its own)
	 */
	static Map<Sid, String> startFrom(OutreachProgress notify) {
		Map<Sid, String> start = new EnumMap<>(Sid.class);
		CARRIED.forEach((kind) -> notify.sid(kind).ifPresent((sid) -> start.put(kind, sid)));
		return start;
	}

	/**
	 * Whether a task request's progress escalates a notify outreach.
	 * @param progress the progress the request resumes from
	 * @return whether it is on a notify outreach's Studio flow
	 */
	static boolean escalates(OutreachProgress progress) {
		return progress.has(Sid.STUDIO_FLOW);
	}

	/**
	 * Whether the escalation can still make the task on the notify outreach: it did
	 * already (or may have), or the notify outreach's session is still active. Once it
	 * ended, the customer's next reply starts another conversation, and the task belongs
	 * to an outreach of its own.
	 * @param progress the escalation's progress
	 * @return whether to go on with it
	 */
	boolean goesOn(OutreachProgress progress) {
		if (progress.has(Sid.TASK) || progress.wasAttempted(Sid.TASK)) {
			return true;
		}
		return progress.sid(Sid.PROXY_SESSION).map(this.sessions::isActive).orElse(false)
				&& progress.has(Sid.CHAT_CHANNEL);
	}

	/**
	 * Makes the agent's task on the notify outreach's channel, then posts the request's
	 * message.
	 * @param request the task request
	 * @param progress the escalation's progress, on the notify outreach
	 * @param checkpoint where each step's progress is saved
	 * @return {@link Outcome#CREATED}, with the notify outreach's channel and session and
	 * the new task
	 */
	Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		boolean messageAttemptedBefore = progress.wasAttempted(Sid.CHAT_MESSAGE);
		OutreachProgress withTask = progress.has(Sid.TASK) ? progress : withTask(request, progress, checkpoint);
		FirstMessage.Result message = FirstMessage.ensureOwn(request, withTask, messageAttemptedBefore, checkpoint,
				Sid.CHAT_MESSAGE,
				this.senders.paced(request.fromNumber(), ChatChannelMessages.of(this.client, withTask)));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	private OutreachProgress withTask(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		// a pass before this one may have made it, its answer lost
		Optional<String> made = progress.wasAttempted(Sid.TASK) ? this.tasks.markedBy(progress.outreachId())
				: Optional.empty();
		OutreachProgress attempting = progress.attempting(Sid.TASK);
		if (made.isEmpty()) {
			if (!progress.wasAttempted(Sid.TASK)) {
				checkpoint.save(attempting);
			}
			String taskAttributes = this.attributes.escalation(request, progress.require(Sid.CHAT_CHANNEL),
					progress.outreachId());
			made = Optional
				.of(TwilioFailures.call("creating the agent's task", () -> this.tasks.create(taskAttributes)));
		}
		OutreachProgress withTask = FirstMessage.announced(request, attempting.with(Sid.TASK, made.get()),
				Sid.CHAT_MESSAGE);
		checkpoint.save(withTask);
		return withTask;
	}

}
