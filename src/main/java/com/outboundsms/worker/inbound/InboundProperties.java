package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.util.List;

import com.outboundsms.worker.processing.Lane;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the request side: one exchange, and a routing key and quorum queue per
 * lane, since quorum queues have no priorities.
 *
 * @param exchange the request exchange (direct); the delay queues' exchange is named
 * after it with {@code .retry}
 * @param routingKey the routing key that binds the request queue (the interactive lane)
 * @param queue the request queue (quorum) of the interactive lane; its delay queues are
 * named after it
 * @param bulkRoutingKey the routing key that binds the bulk queue
 * @param bulkQueue the request queue (quorum) of the bulk lane, with delay queues of its
 * own named after it
 * @param deliveryLimit the broker's poison-message backstop: deliveries after which the
 * broker dead-letters a message by itself
 * @param maxBodySize the largest request body accepted
 * @param defaultRegion the region assumed for numbers written without a {@code +} country
 * code
 * @param maxAttempts how many times a request is tried before a transient failure is
 * final
 * @param maxAge how long after its first attempt a request may still be retried
 * @param retryDelays the delay queues' delays, shortest first, each double the one
 * before: the backoff's ceiling starts at the first and doubles per attempt up to the
 * last
 * @param campaignRecheck how often a request of a paused campaign looks whether the
 * campaign was resumed: it waits on the delay queue nearest this
 * @param bulkShares how many fair-share queues the bulk lane's requests wait in (named
 * after the bulk queue with {@code .share.<n>}): requests without a campaign in the
 * first, each campaign in one of the others, different campaigns in different ones while
 * there are enough, and the bulk lane's consumers take from all of them in turn; 1 makes
 * the lane first in, first out
 */
@ConfigurationProperties("outbound-sms.inbound")
public record InboundProperties(@DefaultValue("outbound-sms") String exchange,
		@DefaultValue("request") String routingKey, @DefaultValue("outbound-sms.requests") String queue,
		@DefaultValue("request.bulk") String bulkRoutingKey,
		@DefaultValue("outbound-sms.requests.bulk") String bulkQueue, @DefaultValue("20") int deliveryLimit,
		@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("US") String defaultRegion,
		@DefaultValue("8") int maxAttempts, @DefaultValue("1h") Duration maxAge, @DefaultValue( {
				"1s", "2s", "4s", "8s", "16s", "32s", "64s", "128s", "256s" }) List<Duration> retryDelays,
		@DefaultValue("1m") Duration campaignRecheck, @DefaultValue("8") int bulkShares){

	public InboundProperties {
		if (bulkShares < 1) {
			throw new IllegalArgumentException(
					"outbound-sms.inbound.bulk-shares must be at least 1, was " + bulkShares);
		}
	}

	/**
	 * The queue of a lane.
	 * @param lane the lane
	 * @return its queue's name
	 */
	public String queue(Lane lane) {
		return (lane == Lane.BULK) ? this.bulkQueue : this.queue;
	}

	/**
	 * The routing key that sends a request to a lane.
	 * @param lane the lane
	 * @return the routing key
	 */
	public String routingKey(Lane lane) {
		return (lane == Lane.BULK) ? this.bulkRoutingKey : this.routingKey;
	}

	/**
	 * The lane of the queue a message was consumed from.
	 * @param consumerQueue the queue, as the delivery names it
	 * @return {@link Lane#BULK} for the bulk queue and its fair-share queues, else
	 * {@link Lane#INTERACTIVE}
	 */
	public Lane laneOf(@Nullable String consumerQueue) {
		boolean bulk = consumerQueue != null
				&& (this.bulkQueue.equals(consumerQueue) || consumerQueue.startsWith(this.bulkQueue + ".share."));
		return bulk ? Lane.BULK : Lane.INTERACTIVE;
	}

	/**
	 * The bulk lane's fair-share queue with a number.
	 * @param share from 0 to {@code bulkShares - 1}
	 * @return its name
	 */
	public String shareQueue(int share) {
		return this.bulkQueue + ".share." + share;
	}

	/**
	 * Every fair-share queue of the bulk lane, the one without a campaign first.
	 * @return their names
	 */
	public String[] shareQueues() {
		String[] names = new String[this.bulkShares];
		for (int share = 0; share < names.length; share++) {
			names[share] = shareQueue(share);
		}
		return names;
	}

}
