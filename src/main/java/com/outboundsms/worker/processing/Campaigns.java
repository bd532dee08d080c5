package com.outboundsms.worker.processing;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The campaigns' states and counts, shared by every instance through the store: an
 * operator's pause, resume or cancel reaches every instance within the refresh interval
 * and survives restarts, and each request is counted once, by its latest outcome.
 */
public interface Campaigns {

	/**
	 * The state a request of the campaign should be handled in, as this instance last
	 * read it (at most the refresh interval old).
	 * @param campaignId the campaign
	 * @return its state; {@link CampaignState#RUNNING} for a campaign never seen
	 */
	CampaignState stateOf(String campaignId);

	/**
	 * Counts a settled request of a campaign, once per request: a request counted
	 * {@link Outcome#FAILED} that later succeeds is counted by its success instead.
	 * @param campaignId the campaign
	 * @param requestId the request
	 * @param outcome how it was settled
	 */
	void settled(String campaignId, String requestId, Outcome outcome);

	/**
	 * Records how many requests a campaign has, as its producer counted them.
	 * @param campaignId the campaign
	 * @param total its requests
	 */
	void register(String campaignId, long total);

	/**
	 * Every campaign, the most recently active first.
	 * @return their summaries
	 */
	List<CampaignSummary> list();

	/**
	 * One campaign.
	 * @param campaignId the campaign
	 * @return its summary, or empty when it was never seen
	 */
	Optional<CampaignSummary> find(String campaignId);

	/**
	 * Moves a campaign to a state, for every instance.
	 * @param campaignId the campaign
	 * @param state {@link CampaignState#PAUSED}, {@link CampaignState#RUNNING} (resume)
	 * or {@link CampaignState#CANCELLED}
	 * @return the campaign after the change
	 * @throws IllegalStateException if the campaign is cancelled and the state is not
	 */
	CampaignSummary change(String campaignId, CampaignState state);

	/**
	 * The fair share a campaign's waiting requests are kept in, the same on every
	 * instance: the one first chosen for it, by whichever instance saw it first.
	 * @param campaignId the campaign
	 * @param shares how many shares there are; a campaign's share outside them is chosen
	 * again
	 * @param choice chooses a share for a campaign that has none
	 * @return the campaign's share
	 */
	int fairShare(String campaignId, int shares, IntSupplier choice);

}
