package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.outboundsms.worker.budget.RateBuckets;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.processing.Lane;

/**
 * Takes rate tokens for a lane, waiting for them up to a deadline: the interactive lane
 * may empty a bucket, the bulk lane leaves the interactive share of it. Within an
 * instance the waiters of a lane queue for a bucket, so that the shared store is polled
 * by one of them at a time.
 */
final class LaneBudget {

	/** The least time between two looks at an empty bucket, so as not to spin on it. */
	static final Duration LEAST_POLL = Duration.ofMillis(5);

	private final RateBuckets buckets;

	private final double interactiveShare;

	private final Ticker ticker;

	private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

	LaneBudget(RateBuckets buckets, double interactiveShare, Ticker ticker) {
		this.buckets = buckets;
		this.interactiveShare = interactiveShare;
		this.ticker = ticker;
	}

	/**
	 * The tokens a lane's take must leave in a bucket.
	 * @param lane the lane
	 * @param perSecond the bucket's rate
	 * @return the interactive share of a second's tokens for bulk, none for interactive
	 */
	double floor(Lane lane, double perSecond) {
		return (lane == Lane.BULK) ? this.interactiveShare * perSecond : 0;
	}

	/**
	 * The time now, to measure deadlines by.
	 * @return the ticker's time
	 */
	long now() {
		return this.ticker.nanoTime();
	}

	/**
	 * Takes a token, waiting for the bucket to refill up to the deadline.
	 * @param bucket the bucket
	 * @param perSecond its rate
	 * @param lane the lane taking it
	 * @param deadline the ticker's time after which it gives up
	 * @param heldBack told once when the take had to wait although a token was there for
	 * the interactive lane
	 * @return whether a token was taken by the deadline
	 */
	boolean take(String bucket, double perSecond, Lane lane, long deadline, Runnable heldBack) {
		// the callers of one lane on one instance queue here, first come first served, so
		// that one of them at a time asks the store however many wait
		ReentrantLock turn = this.turns.computeIfAbsent(lane + " " + bucket, (key) -> new ReentrantLock(true));
		try {
			if (!turn.tryLock(Math.max(0, deadline - this.ticker.nanoTime()), TimeUnit.NANOSECONDS)) {
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoCallPermitException("interrupted while waiting for a rate permit");
		}
		try {
			return takeInTurn(bucket, perSecond, lane, deadline, heldBack);
		}
		finally {
			turn.unlock();
		}
	}

	private boolean takeInTurn(String bucket, double perSecond, Lane lane, long deadline, Runnable heldBack) {
		double floor = floor(lane, perSecond);
		boolean told = false;
		while (true) {
			RateBuckets.Take take = this.buckets.take(bucket, perSecond, floor);
			if (take.taken()) {
				return true;
			}
			if (!told && take.heldForFloor()) {
				told = true;
				heldBack.run();
			}
			long left = deadline - this.ticker.nanoTime();
			if (left <= 0) {
				return false;
			}
			long wait = Math.max(take.timeToTake(perSecond, floor).toNanos(), LEAST_POLL.toNanos());
			sleep(Math.min(wait, left));
		}
	}

	private void sleep(long nanos) {
		try {
			this.ticker.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoCallPermitException("interrupted while waiting for a rate permit");
		}
	}

}
