package com.outboundsms.worker.processing;

/**
 * Says that a request's campaign is paused: the request is not processed now, and waits
 * on the broker, its attempts unspent, until the campaign is resumed. Not a failure of
 * the request, so not an {@link OutreachFailure}.
 */
public final class CampaignPaused extends RuntimeException {

	private final String campaignId;

	/**
	 * Creates the signal.
	 * @param campaignId the paused campaign
	 */
	public CampaignPaused(String campaignId) {
		super("campaign " + campaignId + " is paused", null, false, false);
		this.campaignId = campaignId;
	}

	/**
	 * The paused campaign.
	 * @return its id
	 */
	public String campaignId() {
		return this.campaignId;
	}

}
