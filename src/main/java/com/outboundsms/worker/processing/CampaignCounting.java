package com.outboundsms.worker.processing;

/**
 * Counts every published result event of a campaign's request in the campaign, after the
 * event is out. A count that cannot be written is counted as lost and not retried: the
 * request's outcome is the event, which went out, and a count is only a view of the
 * outcomes.
 */
public class CampaignCounting implements ResultPublisher {

	private final ResultPublisher results;

	private final Campaigns campaigns;

	private final WorkerMetrics metrics;

	/**
	 * Counts what a publisher publishes.
	 * @param results the publisher of result events
	 * @param campaigns where campaigns are counted
	 * @param metrics where lost counts are counted
	 */
	public CampaignCounting(ResultPublisher results, Campaigns campaigns, WorkerMetrics metrics) {
		this.results = results;
		this.campaigns = campaigns;
		this.metrics = metrics;
	}

	@Override
	public void publish(ResultEvent event) {
		this.results.publish(event);
		String campaignId = event.campaignId();
		if (campaignId == null) {
			return;
		}
		try {
			this.campaigns.settled(campaignId, event.requestId(), event.outcome());
		}
		catch (RuntimeException ex) {
			this.metrics.campaignCountLost();
		}
	}

}
