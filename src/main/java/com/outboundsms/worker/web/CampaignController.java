package com.outboundsms.worker.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.CampaignState;
import com.outboundsms.worker.processing.CampaignSummary;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.WireTime;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The campaign controls: every campaign's counts and state, and pause, resume and cancel,
 * with the same credentials as the rest of the HTTP API. A change is kept in the store,
 * so it reaches every instance within the refresh interval and survives restarts.
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@RestController
class CampaignController {

	static final String PATH = "/v1/campaigns";

	private final Campaigns campaigns;

	CampaignController(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@GetMapping(PATH)
	CampaignList list() {
		return new CampaignList(this.campaigns.list().stream().map(CampaignBody::of).toList());
	}

	@GetMapping(PATH + "/{campaignId}")
	ResponseEntity<Object> find(@PathVariable String campaignId) {
		if (!CampaignIds.isValid(campaignId)) {
			return invalid(campaignId);
		}
		return this.campaigns.find(campaignId)
			.<ResponseEntity<Object>>map((campaign) -> ResponseEntity.ok(CampaignBody.of(campaign)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ResponseBodies.error("NOT_FOUND", "no campaign " + campaignId + " was seen here")));
	}

	@PostMapping(PATH + "/{campaignId}/pause")
	ResponseEntity<Object> pause(@PathVariable String campaignId) {
		return change(campaignId, CampaignState.PAUSED);
	}

	@PostMapping(PATH + "/{campaignId}/resume")
	ResponseEntity<Object> resume(@PathVariable String campaignId) {
		return change(campaignId, CampaignState.RUNNING);
	}

	@PostMapping(PATH + "/{campaignId}/cancel")
	ResponseEntity<Object> cancel(@PathVariable String campaignId) {
		return change(campaignId, CampaignState.CANCELLED);
	}

	private ResponseEntity<Object> change(String campaignId, CampaignState state) {
		if (!CampaignIds.isValid(campaignId)) {
			return invalid(campaignId);
		}
		try {
			return ResponseEntity.ok(CampaignBody.of(this.campaigns.change(campaignId, state)));
		}
		catch (IllegalStateException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(ResponseBodies.error("CAMPAIGN_CANCELLED",
						"campaign " + campaignId + " is cancelled, which is final"));
		}
	}

	private static ResponseEntity<Object> invalid(String campaignId) {
		return ResponseEntity.badRequest()
			.body(ResponseBodies.error("INVALID_CAMPAIGN_ID", "a campaign id " + CampaignIds.RULE));
	}

	/**
	 * Every campaign, the most recently active first.
	 *
	 * @param campaigns the campaigns
	 */
	record CampaignList(List<CampaignBody> campaigns) {
	}

	/**
	 * A campaign as the API writes it.
	 *
	 * @param campaignId its id
	 * @param state {@code running}, {@code paused}, {@code cancelled}, or {@code done}
	 * once every request of a running campaign with a known total is settled
	 * @param counts settled requests by outcome
	 * @param settled all settled requests
	 * @param total its requests, when its producer registered them
	 * @param firstActivityAt when it was first seen
	 * @param lastActivityAt when a request was last settled or its state last changed
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record CampaignBody(String campaignId, String state, Map<Outcome, Long> counts, long settled, @Nullable Long total,
			String firstActivityAt, String lastActivityAt) {

		static CampaignBody of(CampaignSummary campaign) {
			String state = (campaign.state() == CampaignState.RUNNING && campaign.isDone()) ? "done"
					: campaign.state().name().toLowerCase(Locale.ROOT);
			return new CampaignBody(campaign.campaignId(), state, campaign.counts(), campaign.settled(),
					campaign.total(), WireTime.format(campaign.firstActivityAt()),
					WireTime.format(campaign.lastActivityAt()));
		}

	}

}
