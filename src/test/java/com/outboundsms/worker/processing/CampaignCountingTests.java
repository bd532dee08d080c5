package com.outboundsms.worker.processing;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CampaignCountingTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private final List<ResultEvent> published = new ArrayList<>();

	private final StatedCampaigns campaigns = new StatedCampaigns();

	@Test
	void countsACampaignsEventAfterItIsPublishedAndNoOtherEvent() {
		CampaignCounting counting = new CampaignCounting(this.published::add, this.campaigns, WorkerMetrics.none());

		counting.publish(event("r1", "spring"));
		counting.publish(event("r2", null));

		assertThat(this.published).extracting(ResultEvent::requestId).containsExactly("r1", "r2");
		assertThat(this.campaigns.counted()).containsExactly("spring/r1/CREATED");
	}

	@Test
	void countsNothingWhenTheEventWasNotPublished() {
		CampaignCounting counting = new CampaignCounting((event) -> {
			throw new IllegalStateException("broker gone");
		}, this.campaigns, WorkerMetrics.none());

		assertThatIllegalStateException().isThrownBy(() -> counting.publish(event("r1", "spring")));
		assertThat(this.campaigns.counted()).isEmpty();
	}

	@Test
	void aCountTheStoreRefusesIsCountedAsLostAndTheEventStandsPublished() {
		List<String> lost = new ArrayList<>();
		WorkerMetrics metrics = (WorkerMetrics) Proxy.newProxyInstance(WorkerMetrics.class.getClassLoader(),
				new Class<?>[] { WorkerMetrics.class }, (proxy, method, args) -> {
					lost.add(method.getName());
					return null;
				});
		StatedCampaigns failing = new StatedCampaigns().refusingCounts();
		CampaignCounting counting = new CampaignCounting(this.published::add, failing, metrics);

		counting.publish(event("r1", "spring"));

		assertThat(this.published).hasSize(1);
		assertThat(lost).containsExactly("campaignCountLost");
	}

	private static ResultEvent event(String requestId, String campaignId) {
		return new ResultEvent(requestId, Outcome.CREATED, "flex-legacy", PAIR, Map.of(), null, 1,
				Instant.parse("2026-12-05T10:00:00Z"), null, null, campaignId);
	}

}
