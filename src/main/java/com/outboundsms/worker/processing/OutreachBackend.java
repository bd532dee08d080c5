package com.outboundsms.worker.processing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Twilio backend that makes outreaches: Flex legacy messaging or Flex Conversations.
 * Implementations classify every failure as a {@link PermanentFailure}, a
 * {@link TransientFailure} or a {@link SystemicFailure}.
 */
public interface OutreachBackend {

	/**
	 * The backend's name, as the result event's {@code backend} says it.
	 * @return the name, such as {@code flex-legacy}
	 */
	String name();

	/**
	 * Makes the request's outreach exist, resuming from what is already made and saving
	 * the progress after every step that changed something at Twilio.
	 * @param request the request
	 * @param progress what earlier attempts made
	 * @param checkpoint where each step's progress is saved before the next step starts
	 * @return the outreach, and whether this request created it or found it made by
	 * someone else
	 */
	Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint);

	/**
	 * Looks once at Twilio whether an outreach is still open (its session or conversation
	 * is active). Never creates anything.
	 * @param outreach the outreach's SIDs
	 * @return {@code false} when it was found closed or gone
	 */
	boolean isOpen(OutreachProgress outreach);

	/**
	 * Posts a notify request's message into the pair's open notify outreach, at most once
	 * per request id: a message this request posted before (its answer lost) is found and
	 * not posted again.
	 * @param request the notify request
	 * @param open the open outreach's progress
	 * @return the message's SID
	 * @throws PermanentFailure when this backend makes no notify outreaches
	 */
	default String postInto(OutboundSmsRequest request, OutreachProgress open) {
		throw new PermanentFailure(ErrorCode.NOTIFY_NOT_CONFIGURED, name() + " makes no notify outreaches");
	}

	/**
	 * What the agent's task on an open notify outreach builds on, when a task request
	 * escalates it: the store keeps these SIDs with the new outreach's claim, so that
	 * every attempt of it, whatever became of earlier ones, makes the task on the notify
	 * outreach rather than a new conversation.
	 * @param notify the open notify outreach of this backend
	 * @return the SIDs the new outreach starts with; none (the default) when the backend
	 * finds the notify outreach at Twilio by itself
	 */
	default Map<Sid, String> escalationStart(OutreachProgress notify) {
		return Map.of();
	}

	/**
	 * Saves progress durably before the next Twilio call.
	 */
	@FunctionalInterface
	interface Checkpoint {

		void save(OutreachProgress progress);

	}

	/**
	 * A made outreach.
	 *
	 * @param outcome {@link Outcome#CREATED}, or {@link Outcome#REUSED} when Twilio
	 * showed that the pair was already in an active session or conversation nobody here
	 * made
	 * @param progress the outreach's SIDs
	 * @param messageError why the request's first message was refused although the
	 * outreach exists, or {@code null}
	 */
	record Creation(Outcome outcome, OutreachProgress progress, @Nullable ErrorDetail messageError) {

		public Creation(Outcome outcome, OutreachProgress progress) {
			this(outcome, progress, null);
		}

	}

}
