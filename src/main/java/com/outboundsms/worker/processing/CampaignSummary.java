package com.outboundsms.worker.processing;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What is known of a campaign: where an operator put it, how many of its requests were
 * settled with each outcome, how many it has when its producer said so, and when it was
 * first and last active.
 *
 * @param campaignId the campaign's id
 * @param state where an operator put it
 * @param counts settled requests by outcome, every outcome present
 * @param total how many requests the campaign has, or {@code null} when not registered
 * @param firstActivityAt when it was first seen
 * @param lastActivityAt when a request of it was last settled, or its state last changed
 */
public record CampaignSummary(String campaignId, CampaignState state, Map<Outcome, Long> counts, @Nullable Long total,
		Instant firstActivityAt, Instant lastActivityAt) {

	public CampaignSummary {
		counts = Map.copyOf(counts);
	}

	/**
	 * How many of its requests are settled.
	 * @return the sum of the counts
	 */
	public long settled() {
		return this.counts.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether every request of a campaign with a known total is settled.
	 * @return {@code true} once the settled requests reach the total
	 */
	public boolean isDone() {
		return this.total != null && settled() >= this.total;
	}

}
