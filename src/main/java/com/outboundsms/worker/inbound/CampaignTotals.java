package com.outboundsms.worker.inbound;

import java.util.Map;

import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageProperties;

/**
 * How a producer tells the worker a campaign's total: two headers on the campaign's
 * requests, which {@code enqueue} sets when it loads a campaign. The worker registers the
 * total when a request of that very campaign carries them.
 */
public final class CampaignTotals {

	/** The campaign whose total the message gives. */
	public static final String CAMPAIGN_ID = "x-campaign-id";

	/** How many requests that campaign has. */
	public static final String CAMPAIGN_TOTAL = "x-campaign-total";

	private CampaignTotals() {
	}

	/**
	 * The headers that give a campaign's total.
	 * @param campaignId the campaign
	 * @param total its requests
	 * @return the headers
	 */
	public static Map<String, Object> headers(String campaignId, long total) {
		return Map.of(CAMPAIGN_ID, campaignId, CAMPAIGN_TOTAL, total);
	}

	/**
	 * Registers the total a delivered request gives for its own campaign, if it gives
	 * one.
	 * @param properties the delivery's properties
	 * @param request the request
	 * @param campaigns where totals are kept
	 */
	static void register(MessageProperties properties, OutboundSmsRequest request, Campaigns campaigns) {
		String campaignId = request.campaignId();
		Object named = properties.getHeader(CAMPAIGN_ID);
		@Nullable Object total = properties.getHeader(CAMPAIGN_TOTAL);
		if (campaignId != null && campaignId.equals(named) && total instanceof Number number
				&& number.longValue() >= 0) {
			campaigns.register(campaignId, number.longValue());
		}
	}

}
