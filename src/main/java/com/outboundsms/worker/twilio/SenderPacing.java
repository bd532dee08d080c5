package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.PhoneMask;
import com.outboundsms.worker.processing.WorkerMetrics;

/**
 * Holds each sender to its pace of first messages: a token from the sender's bucket is
 * taken right before a message is posted, before its call waits for a slot in flight, so
 * that a paced sender's backlog waits unacknowledged on the broker rather than in
 * Twilio's queue of that sender.
 */
final class SenderPacing {

	/** The endpoint tag of a message held back for a sender's interactive share. */
	static final String SENDER = "sender";

	private final SenderPacingProperties senders;

	private final LaneBudget budget;

	private final TwilioLimitsProperties limits;

	private final WorkerMetrics metrics;

	SenderPacing(SenderPacingProperties senders, LaneBudget budget, TwilioLimitsProperties limits,
			WorkerMetrics metrics) {
		this.senders = senders;
		this.budget = budget;
		this.limits = limits;
		this.metrics = metrics;
	}

	/**
	 * Waits for the sender's turn to post a first message, in the lane of the request the
	 * thread works on.
	 * @param fromNumber the sender
	 * @throws NoCallPermitException if its turn did not come within the lane's permit
	 * wait
	 */
	void await(String fromNumber) {
		OptionalDouble pace = this.senders.messagesPerSecond(fromNumber);
		if (pace.isEmpty()) {
			return;
		}
		Lane lane = Lane.current();
		Duration wait = this.limits.permitWait(lane);
		if (!this.budget.take("sender " + fromNumber, pace.getAsDouble(), lane, this.budget.now() + wait.toNanos(),
				() -> this.metrics.twilioCallHeldBack(SENDER, TwilioCallLimiter.RESERVE))) {
			throw new NoCallPermitException("no turn for a first message from " + PhoneMask.mask(fromNumber)
					+ " within " + wait + " (its sender's pace)");
		}
	}

	/**
	 * A sender's messages whose posts wait for the sender's turn.
	 * @param fromNumber the sender
	 * @param messages the messages
	 * @return the paced messages
	 */
	FirstMessage.Messages paced(String fromNumber, FirstMessage.Messages messages) {
		return new FirstMessage.Messages() {

			@Override
			public List<FirstMessage.Posted> latest() {
				return messages.latest();
			}

			@Override
			public String post(String body, String attributes) {
				TwilioFailures.call("waiting for the sender's turn", () -> {
					await(fromNumber);
					return null;
				});
				return messages.post(body, attributes);
			}

		};
	}

}
