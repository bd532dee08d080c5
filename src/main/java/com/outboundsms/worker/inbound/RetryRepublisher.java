package com.outboundsms.worker.inbound;

import java.time.Duration;

import com.outboundsms.worker.deadletter.DeadLetterHeaders;
import com.outboundsms.worker.deadletter.MessageRepublisher;
import com.outboundsms.worker.processing.Lane;

import org.springframework.amqp.core.Message;

/**
 * Schedules the next attempt at a request on the broker: a copy goes, with its attempt
 * headers, to a delay queue of its lane whose messages expire back into the request
 * exchange with the lane's routing key. Nothing waits in the worker, so a crash loses no
 * scheduled retry, and the delivery is acknowledged only once the broker confirmed the
 * copy.
 */
class RetryRepublisher {

	private final MessageRepublisher republisher;

	private final InboundProperties properties;

	private final RetryDelays delays;

	RetryRepublisher(MessageRepublisher republisher, InboundProperties properties, RetryDelays delays) {
		this.republisher = republisher;
		this.properties = properties;
		this.delays = delays;
	}

	/**
	 * Whether the request has had all the attempts it may have.
	 * @param attempt the attempt that just failed
	 * @return {@code true} once the attempts or the age limit are reached
	 */
	boolean exhausted(Attempt attempt) {
		Duration age = Duration.between(attempt.firstAt(), attempt.at());
		return attempt.number() >= this.properties.maxAttempts() || age.compareTo(this.properties.maxAge()) >= 0;
	}

	/**
	 * Sends a copy of the request to wait for its next attempt.
	 * @param original the request as delivered
	 * @param lane the lane it came in, and goes back to
	 * @param attempt the attempt that just failed
	 * @param cause why it failed, for operators reading the delay queue
	 * @param atLeast the shortest wait the failure asked for
	 * @return the delay chosen
	 */
	Duration republishForRetry(Message original, Lane lane, Attempt attempt, String cause, Duration atLeast) {
		Duration delay = this.delays.after(attempt.number(), atLeast);
		this.republisher.republish(original, retryExchange(this.properties),
				RetryDelays.queueName(this.properties.queue(lane), delay), (headers) -> {
					attempt.stamp(headers);
					headers.setHeader(DeadLetterHeaders.LAST_ERROR, cause);
				});
		return delay;
	}

	/**
	 * Sets a request aside untouched (its attempt headers as they came) on the shortest
	 * delay queue while consumption pauses. Handed back to its own queue instead, it
	 * would go at once to a consumer the pause has not stopped yet, and again, each pass
	 * counting against the queue's delivery limit; a copy starts a count of its own.
	 * @param original the request as delivered
	 * @param lane the lane it came in, and goes back to
	 * @return how long it is set aside
	 */
	Duration republishDuringPause(Message original, Lane lane) {
		Duration shortest = this.delays.all().get(0);
		this.republisher.republish(original, retryExchange(this.properties),
				RetryDelays.queueName(this.properties.queue(lane), shortest),
				(headers) -> headers.getHeaders().remove(DeliveryContext.DELIVERY_COUNT));
		return shortest;
	}

	/**
	 * Sets a request of a paused campaign aside untouched on its lane's delay queue
	 * nearest the campaign recheck (a minute), so that a paused campaign costs a look per
	 * request and recheck, and continues at most about a recheck after it is resumed.
	 * @param original the request as delivered
	 * @param lane the lane it came in, and goes back to
	 * @return how long it is set aside
	 */
	Duration republishWhileCampaignPaused(Message original, Lane lane) {
		Duration delay = this.delays.nearest(this.properties.campaignRecheck());
		this.republisher.republish(original, retryExchange(this.properties),
				RetryDelays.queueName(this.properties.queue(lane), delay),
				(headers) -> headers.getHeaders().remove(DeliveryContext.DELIVERY_COUNT));
		return delay;
	}

	static String retryExchange(InboundProperties properties) {
		return properties.exchange() + ".retry";
	}

}
