package com.outboundsms.worker.budget;

import java.time.Duration;

/**
 * Named token buckets that refill at a rate and hold one second of it: a caller takes one
 * token, or is told how many are left. A floor keeps a reserve no take below it may
 * touch.
 */
public interface RateBuckets {

	/**
	 * What a take may fall short of the floor by: a refill in floating point leaves
	 * {@code 2.9999999999999996} where three tokens are due.
	 */
	double ROUNDING = 1e-9;

	/**
	 * Takes one token unless fewer than {@code floor} tokens would be left.
	 * @param bucket the bucket's name, made on first use full
	 * @param perSecond the refill rate, positive
	 * @param floor the tokens this take must leave, at least 0
	 * @return whether a token was taken, and what is left
	 */
	Take take(String bucket, double perSecond, double floor);

	/**
	 * How many tokens a bucket holds at most: one second of its rate, and at least one
	 * token above the floor so that a rate of one or two per second is not held back for
	 * good.
	 * @param perSecond the rate
	 * @param floor the floor
	 * @return the capacity in tokens
	 */
	static double capacity(double perSecond, double floor) {
		return Math.max(perSecond, floor + 1);
	}

	/**
	 * What a take found.
	 *
	 * @param taken whether a token was taken
	 * @param left the tokens in the bucket after the take
	 */
	record Take(boolean taken, double left) {

		/**
		 * How long until the bucket refills enough for a take with this floor.
		 * @param perSecond the bucket's rate
		 * @param floor the floor of the take
		 * @return zero when taken
		 */
		public Duration timeToTake(double perSecond, double floor) {
			if (this.taken) {
				return Duration.ZERO;
			}
			double missing = Math.max(0, floor + 1 - this.left);
			return Duration.ofNanos((long) Math.ceil(missing / perSecond * 1e9));
		}

		/**
		 * Whether this take was refused for the floor alone: one without it would have
		 * had its token.
		 * @return {@code true} when a token was there for a take without a floor
		 */
		public boolean heldForFloor() {
			return !this.taken && this.left >= 1;
		}

	}

}
