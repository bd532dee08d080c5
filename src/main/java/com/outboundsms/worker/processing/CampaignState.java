package com.outboundsms.worker.processing;

/**
 * Where an operator has put a campaign: running (the default of every campaign), paused
 * (its requests wait, untouched, until it is resumed) or cancelled (final: its requests
 * not yet settled end as {@link Outcome#CANCELLED}).
 */
public enum CampaignState {

	/** Its requests are processed. */
	RUNNING,

	/** Its requests wait without Twilio calls or spent attempts. */
	PAUSED,

	/** Its unsettled requests are answered {@link Outcome#CANCELLED}; final. */
	CANCELLED

}
