package com.outboundsms.worker.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the worker records about its work, for operators: outcomes, Twilio calls, retries,
 * dead letters, store latency, the backlog, paused consumption and retention.
 * Implementations must never record a phone number, a request id or a SID.
 */
public interface WorkerMetrics {

	/**
	 * A request was settled.
	 * @param lane the lane it came in
	 * @param outcome what became of it
	 * @param error why it failed, or {@code null}
	 * @param took how long its processing took, this attempt
	 */
	void settled(Lane lane, Outcome outcome, @Nullable ErrorCode error, Duration took);

	/**
	 * A request's attempt failed transiently and the next one was scheduled.
	 * @param cause the kind of failure (a class of cause, not its text)
	 */
	void retryScheduled(String cause);

	/**
	 * A request of a paused campaign was set aside without being processed.
	 */
	void campaignRequestHeld();

	/**
	 * A settled request of a campaign could not be counted in it (the store failed).
	 */
	void campaignCountLost();

	/**
	 * How many campaigns are paused, as this instance last read them.
	 * @param paused the paused campaigns
	 */
	void campaignsPaused(int paused);

	/**
	 * How many requests are held until they may be sent, as last read from the store.
	 * @param lane the lane they go back to
	 * @param reason why they wait
	 * @param held how many
	 */
	default void requestsHeld(Lane lane, HoldReason reason, long held) {
	}

	/**
	 * A call to Twilio was answered (or failed to be).
	 * @param endpoint the endpoint, such as {@code flex-api/Channels}
	 * @param status the HTTP status, or {@code 0} for a transport failure
	 * @param took how long it took
	 */
	void twilioCall(String endpoint, int status, Duration took);

	/**
	 * A store operation finished.
	 * @param operation such as {@code claim}
	 * @param took how long it took
	 */
	void storeCall(String operation, Duration took);

	/**
	 * A request was taken from its queue for an attempt.
	 * @param lane the lane of that queue
	 * @param age how long since it was published (a first attempt whose producer set the
	 * message's timestamp) or first attempted (a retry)
	 * @param retry whether this is a later attempt
	 */
	void consumed(Lane lane, Duration age, boolean retry);

	/**
	 * Consumption was paused because a dependency fails for every request, or resumed.
	 * @param dependency the dependency
	 * @param paused {@code true} when paused, {@code false} when resumed
	 */
	void consumptionPaused(Dependency dependency, boolean paused);

	/**
	 * A queue's depth was read.
	 * @param queue which queue
	 * @param messages the messages ready in it
	 */
	void queueDepth(WorkQueue queue, long messages);

	/**
	 * Watches the limit on Twilio calls in flight and the calls in flight, as gauges.
	 * @param limit the limit now
	 * @param inFlight the calls in flight now
	 */
	void twilioCallLimit(IntSupplier limit, IntSupplier inFlight);

	/**
	 * A Twilio call was not made: no permit came within the permit wait.
	 * @param endpoint the endpoint, as for {@link #twilioCall}
	 */
	void twilioCallRefused(String endpoint);

	/**
	 * A call of the bulk lane waited so that the interactive lane goes first: for the
	 * interactive share of a rate, or behind interactive calls waiting for a slot.
	 * Counted once per call and reason.
	 * @param endpoint the endpoint, as for {@link #twilioCall}, or {@code sender} for a
	 * sender's pace of first messages
	 * @param reason {@code reserve} or {@code priority}
	 */
	void twilioCallHeldBack(String endpoint, String reason);

	/**
	 * Shows a count of held-back calls at zero before any call waited, so that a
	 * dashboard tells "none" from "not measured".
	 * @param endpoint as for {@link #twilioCallHeldBack}
	 * @param reason as for {@link #twilioCallHeldBack}
	 */
	void twilioCallsHeldBackShown(String endpoint, String reason);

	/**
	 * Retention deleted a batch of rows past their age.
	 * @param table the table, such as {@code request_outcome}
	 * @param rows how many rows the batch deleted (zero when none was left)
	 */
	void retentionDeleted(String table, long rows);

	/**
	 * A retention run ended on this instance.
	 * @param ended when it ended
	 * @param took how long it took
	 */
	void retentionRan(Instant ended, Duration took);

	/**
	 * Twilio posted a conversation event to the worker's webhook.
	 * @param state the state it reports: {@code closed}, {@code inactive},
	 * {@code active}, or {@code other} (another event, or one refused)
	 * @param result {@code closed} (a pair's outreach was closed), {@code ignored}
	 * (nothing to do) or {@code refused} (not signed by Twilio)
	 */
	void conversationEvent(String state, String result);

	/**
	 * Metrics that record nothing, for code run without a registry.
	 * @return the no-op metrics
	 */
	static WorkerMetrics none() {
		return new WorkerMetrics() {

			@Override
			public void settled(Lane lane, Outcome outcome, @Nullable ErrorCode error, Duration took) {
			}

			@Override
			public void retryScheduled(String cause) {
			}

			@Override
			public void campaignRequestHeld() {
			}

			@Override
			public void campaignCountLost() {
			}

			@Override
			public void campaignsPaused(int paused) {
			}

			@Override
			public void twilioCall(String endpoint, int status, Duration took) {
			}

			@Override
			public void storeCall(String operation, Duration took) {
			}

			@Override
			public void consumed(Lane lane, Duration age, boolean retry) {
			}

			@Override
			public void consumptionPaused(Dependency dependency, boolean paused) {
			}

			@Override
			public void queueDepth(WorkQueue queue, long messages) {
			}

			@Override
			public void twilioCallLimit(IntSupplier limit, IntSupplier inFlight) {
			}

			@Override
			public void twilioCallRefused(String endpoint) {
			}

			@Override
			public void twilioCallsHeldBackShown(String endpoint, String reason) {
			}

			@Override
			public void twilioCallHeldBack(String endpoint, String reason) {
			}

			@Override
			public void retentionDeleted(String table, long rows) {
			}

			@Override
			public void retentionRan(Instant ended, Duration took) {
			}

			@Override
			public void conversationEvent(String state, String result) {
			}

		};
	}

}
