package com.outboundsms.worker.processing;

/**
 * The idempotency key of an outreach: the Twilio number and the customer's number, both
 * E.164.
 *
 * @param fromNumber the Twilio number, E.164
 * @param toNumber the customer's number, E.164
 */
public record NumberPair(String fromNumber, String toNumber) {

	/**
	 * The pair with both numbers masked, for logs.
	 * @return a masked form such as {@code +1500***0006>+1415***2671}
	 */
	public String masked() {
		return PhoneMask.mask(this.fromNumber) + ">" + PhoneMask.mask(this.toNumber);
	}

}
