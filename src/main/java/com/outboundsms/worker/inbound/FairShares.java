package com.outboundsms.worker.inbound;

import java.util.Properties;

import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.Campaigns;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Decides which of the bulk lane's fair-share queues a request waits in: requests without
 * a campaign in the first, each campaign in one of the others, the same on every instance
 * (the store keeps the first choice). A campaign seen for the first time gets the share
 * with the fewest requests waiting, so that campaigns running at the same time have
 * shares of their own while there are enough, and the lane's consumers, taking from every
 * share in turn, serve them side by side.
 */
public class FairShares {

	private static final Logger logger = LoggerFactory.getLogger(FairShares.class);

	private final InboundProperties properties;

	private final Campaigns campaigns;

	private final AmqpAdmin admin;

	FairShares(InboundProperties properties, Campaigns campaigns, AmqpAdmin admin) {
		this.properties = properties;
		this.campaigns = campaigns;
		this.admin = admin;
	}

	/**
	 * The fair-share queues, which the bulk lane's consumers take from in turn (public:
	 * the listener's declaration reads them by expression).
	 * @return their names
	 */
	public String[] queues() {
		return this.properties.shareQueues();
	}

	/**
	 * The share of a campaign's requests.
	 * @param campaignId the campaign, {@code null} for a request without one (or with an
	 * id the intake will refuse)
	 * @return the share, from 0 to {@code bulkShares - 1}
	 */
	int shareOf(@Nullable String campaignId) {
		int shares = this.properties.bulkShares();
		if (shares == 1 || !CampaignIds.isValid(campaignId)) {
			return 0;
		}
		return this.campaigns.fairShare(campaignId, shares, () -> leastBusy(campaignId, shares));
	}

	/**
	 * The campaigns' share with the fewest requests ready; among equals the first after
	 * one the campaign's id points at, so that two campaigns choosing at the same moment
	 * on two instances most likely choose apart.
	 */
	private int leastBusy(String campaignId, int shares) {
		int campaignShares = shares - 1;
		int start = Math.floorMod(campaignId.hashCode(), campaignShares);
		int best = 1 + start;
		long fewest = Long.MAX_VALUE;
		for (int i = 0; i < campaignShares; i++) {
			int share = 1 + (start + i) % campaignShares;
			long ready = ready(this.properties.shareQueue(share));
			if (ready < fewest) {
				fewest = ready;
				best = share;
			}
		}
		return best;
	}

	private long ready(String queue) {
		try {
			Properties declared = this.admin.getQueueProperties(queue);
			if (declared != null && declared.get(RabbitAdmin.QUEUE_MESSAGE_COUNT) instanceof Number count) {
				return count.longValue();
			}
		}
		catch (AmqpException ex) {
			// the choice only spreads the load: without the count the id's share will do
			logger.debug("Could not read the depth of {}: {}", queue, ex.getMessage());
		}
		return Long.MAX_VALUE - 1;
	}

}
