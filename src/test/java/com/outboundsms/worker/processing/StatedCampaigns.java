package com.outboundsms.worker.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Campaigns in memory whose states a test sets, and which record what was counted.
 */
public final class StatedCampaigns implements Campaigns {

	private final Map<String, CampaignState> states = new ConcurrentHashMap<>();

	private final List<String> counted = new ArrayList<>();

	private boolean refuseCounts;

	/**
	 * Makes every count fail, as a store that cannot be reached would.
	 * @return these campaigns
	 */
	public synchronized StatedCampaigns refusingCounts() {
		this.refuseCounts = true;
		return this;
	}

	/**
	 * Puts a campaign in a state.
	 * @param campaignId the campaign
	 * @param state its state
	 * @return these campaigns
	 */
	public StatedCampaigns with(String campaignId, CampaignState state) {
		this.states.put(campaignId, state);
		return this;
	}

	/**
	 * What was counted, as {@code campaign/request/OUTCOME}.
	 * @return the counts in order
	 */
	public synchronized List<String> counted() {
		return List.copyOf(this.counted);
	}

	@Override
	public CampaignState stateOf(String campaignId) {
		return this.states.getOrDefault(campaignId, CampaignState.RUNNING);
	}

	@Override
	public synchronized void settled(String campaignId, String requestId, Outcome outcome) {
		if (this.refuseCounts) {
			throw new IllegalStateException("the store cannot be reached");
		}
		this.counted.add(campaignId + "/" + requestId + "/" + outcome);
	}

	@Override
	public void register(String campaignId, long total) {
		throw new UnsupportedOperationException("not counted in memory");
	}

	@Override
	public List<CampaignSummary> list() {
		throw new UnsupportedOperationException("not listed in memory");
	}

	@Override
	public Optional<CampaignSummary> find(String campaignId) {
		throw new UnsupportedOperationException("not listed in memory");
	}

	@Override
	public CampaignSummary change(String campaignId, CampaignState state) {
		throw new UnsupportedOperationException("changed with with(...)");
	}

	@Override
	public int fairShare(String campaignId, int shares, IntSupplier choice) {
		throw new UnsupportedOperationException("no fair shares in memory");
	}

}
