package com.outboundsms.worker.processing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The event published for every request: its outcome, the SIDs of the outreach and, for
 * failures, the error. Fields that do not apply are {@code null} and absent on the wire.
 *
 * @param requestId the request id, also the message's correlation id
 * @param outcome what became of the request
 * @param backend the Twilio backend the worker runs
 * @param pair the normalized numbers, when the request had valid ones
 * @param sids the outreach's SIDs (for failures, those of what was made before the
 * refusal, if anything stays)
 * @param metadata the request's metadata object, echoed
 * @param attempts how many times the request was processed
 * @param completedAt when the outcome was reached
 * @param error why the request failed, for {@link Outcome#FAILED}
 * @param messageError why the first message was not posted although the outreach exists
 * @param campaignId the request's campaign id, echoed
 * @param mode {@link OutreachMode#NOTIFY} for a notify request; {@code null} for a task
 * request (the default) and for a request that could not be read
 */
public record ResultEvent(String requestId, Outcome outcome, String backend, @Nullable NumberPair pair,
		Map<Sid, String> sids, @Nullable Map<String, @Nullable Object> metadata, int attempts, Instant completedAt,
		@Nullable ErrorDetail error, @Nullable ErrorDetail messageError, @Nullable String campaignId,
		@Nullable OutreachMode mode) {

	public ResultEvent {
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(outcome, "outcome");
		sids = OutreachProgress.copyOf(sids);
	}

	/**
	 * An event of a task request, or of one that could not be read.
	 */
	public ResultEvent(String requestId, Outcome outcome, String backend, @Nullable NumberPair pair,
			Map<Sid, String> sids, @Nullable Map<String, @Nullable Object> metadata, int attempts, Instant completedAt,
			@Nullable ErrorDetail error, @Nullable ErrorDetail messageError, @Nullable String campaignId) {
		this(requestId, outcome, backend, pair, sids, metadata, attempts, completedAt, error, messageError, campaignId,
				null);
	}

	/** The mode a result names: only notify, task being the default. */
	private static @Nullable OutreachMode named(OutboundSmsRequest request) {
		return (request.mode() == OutreachMode.NOTIFY) ? OutreachMode.NOTIFY : null;
	}

	/**
	 * The event of a request that reached an outreach, now or in an earlier processing.
	 * @param request the request
	 * @param outcome its stored outcome
	 * @param attempts how many times it was processed
	 * @return the event
	 */
	public static ResultEvent of(OutboundSmsRequest request, StoredOutcome outcome, int attempts) {
		// a stored failure is its refusal: the event's error, not a message error
		boolean failed = outcome.outcome() == Outcome.FAILED;
		return new ResultEvent(request.requestId(), outcome.outcome(), outcome.backend(), request.pair(),
				outcome.sids(), request.metadata(), attempts, outcome.completedAt(),
				failed ? outcome.messageError() : null, failed ? null : outcome.messageError(), request.campaignId(),
				named(request));
	}

	/**
	 * The event of a request that failed.
	 * @param requestId the request id
	 * @param backend the worker's backend
	 * @param pair the normalized numbers, or {@code null} if the request had no valid
	 * ones
	 * @param metadata the request's metadata, or {@code null} if it had no valid object
	 * @param campaignId the request's campaign id, or {@code null} if it had no valid one
	 * @param error why it failed
	 * @param attempts how many times it was processed
	 * @param at when it failed
	 * @return the event
	 */
	public static ResultEvent failed(String requestId, String backend, @Nullable NumberPair pair,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String campaignId, ErrorDetail error,
			int attempts, Instant at) {
		return new ResultEvent(requestId, Outcome.FAILED, backend, pair, Map.of(), metadata, attempts, at, error, null,
				campaignId);
	}

	/**
	 * This event with the SIDs of what the request made before it failed.
	 * @param made the SIDs by kind
	 * @return the event
	 */
	public ResultEvent withSids(Map<Sid, String> made) {
		return new ResultEvent(this.requestId, this.outcome, this.backend, this.pair, made, this.metadata,
				this.attempts, this.completedAt, this.error, this.messageError, this.campaignId);
	}

	/**
	 * The event of a request whose campaign was cancelled before the request was settled:
	 * nothing was made or sent.
	 * @param request the request
	 * @param backend the worker's backend
	 * @param attempts how many times it was processed
	 * @param at when it was settled
	 * @return the event
	 */
	public static ResultEvent cancelled(OutboundSmsRequest request, String backend, int attempts, Instant at) {
		return unsent(request, Outcome.CANCELLED, backend, attempts, at);
	}

	/**
	 * The event of a request that could not be sent before its {@code notAfter}: nothing
	 * was made or sent.
	 * @param request the request
	 * @param backend the worker's backend
	 * @param attempts how many times it was processed
	 * @param at when it was settled
	 * @return the event
	 */
	public static ResultEvent expired(OutboundSmsRequest request, String backend, int attempts, Instant at) {
		return unsent(request, Outcome.EXPIRED, backend, attempts, at);
	}

	private static ResultEvent unsent(OutboundSmsRequest request, Outcome outcome, String backend, int attempts,
			Instant at) {
		return new ResultEvent(request.requestId(), outcome, backend, request.pair(), Map.of(), request.metadata(),
				attempts, at, null, null, request.campaignId(), named(request));
	}

}
