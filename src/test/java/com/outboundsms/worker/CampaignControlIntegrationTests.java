package com.outboundsms.worker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.CampaignState;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the campaign controls do to requests on the real broker and store: a cancelled
 * campaign's unsettled requests end as {@code CANCELLED} without Twilio calls or dead
 * letters, a paused campaign's requests wait unprocessed and continue once it is resumed,
 * and every request is counted once in its campaign.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "outbound-sms.inbound.campaign-recheck=1s", "outbound-sms.campaigns.refresh=200ms" })
class CampaignControlIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	Campaigns campaigns;

	@Test
	void countsEveryRequestOfACampaignOnceByItsOutcome() {
		String campaign = campaignId();
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String customer = TestNumbers.customerNumber();

		publishBulk("count-" + campaign + "-1", from, customer, campaign);
		assertThat(this.taps.awaitResult("count-" + campaign + "-1").path("outcome").asString()).isEqualTo("CREATED");
		// the same pair again, and redelivered: counted once, as reused
		publishBulk("count-" + campaign + "-2", from, customer, campaign);
		assertThat(this.taps.awaitResult("count-" + campaign + "-2").path("outcome").asString()).isEqualTo("REUSED");
		publishBulk("count-" + campaign + "-2", from, customer, campaign);
		this.taps.awaitResults("count-" + campaign + "-2", 2);
		publishBulk("count-" + campaign + "-3", TestNumbers.twilioNumber(), TestNumbers.customerNumber(), campaign);

		assertThat(this.taps.awaitResult("count-" + campaign + "-3").path("outcome").asString()).isEqualTo("FAILED");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.campaigns.find(campaign).orElseThrow().counts())
				.containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.CREATED, 1L, Outcome.REUSED, 1L, Outcome.FAILED, 1L,
						Outcome.CANCELLED, 0L, Outcome.EXPIRED, 0L)));
	}

	@Test
	void endsTheUnsettledRequestsOfACancelledCampaignCancelledWithoutTwilioOrDeadLetters() {
		String campaign = campaignId();
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String customer = TestNumbers.customerNumber();
		this.campaigns.change(campaign, CampaignState.CANCELLED);

		publishBulk("cancelled-" + campaign, from, customer, campaign);

		Message result = this.taps.awaitResultMessage("cancelled-" + campaign);
		assertThat(result.getMessageProperties().getReceivedRoutingKey()).isEqualTo("result.cancelled");
		JsonNode event = this.taps.awaitResult("cancelled-" + campaign);
		assertThat(event.path("outcome").asString()).isEqualTo("CANCELLED");
		assertThat(event.path("campaignId").asString()).isEqualTo(campaign);
		assertThat(event.has("error")).isFalse();
		assertThat(this.emulator.flexChannels()).noneMatch((channel) -> customer.equals(channel.target()));
		assertThat(this.taps.deadLetters("cancelled-" + campaign)).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.campaigns.find(campaign).orElseThrow().counts())
				.containsEntry(Outcome.CANCELLED, 1L));
	}

	@Test
	void holdsAPausedCampaignsRequestsWithoutTwilioCallsAndGoesOnOnceResumed() {
		String campaign = campaignId();
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String customer = TestNumbers.customerNumber();
		this.campaigns.change(campaign, CampaignState.PAUSED);

		publishBulk("paused-" + campaign, from, customer, campaign);

		// it goes round the delay queue, looking each second, and stays untouched
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.taps.results("paused-" + campaign).isEmpty()
					&& this.emulator.flexChannels().stream().noneMatch((channel) -> customer.equals(channel.target())));
		assertThat(this.taps.deadLetters("paused-" + campaign)).isEmpty();
		this.campaigns.change(campaign, CampaignState.RUNNING);
		JsonNode event = this.taps.awaitResult("paused-" + campaign);
		assertThat(event.path("outcome").asString()).isEqualTo("CREATED");
		// the holds spent no attempt
		assertThat(event.path("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void answersARequestSettledBeforeItsCampaignWasCancelledAsBefore() {
		String campaign = campaignId();
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String customer = TestNumbers.customerNumber();
		publishBulk("before-" + campaign, from, customer, campaign);
		JsonNode first = this.taps.awaitResult("before-" + campaign);
		this.campaigns.change(campaign, CampaignState.CANCELLED);
		this.taps.forget("before-" + campaign);

		publishBulk("before-" + campaign, from, customer, campaign);

		JsonNode again = this.taps.awaitResult("before-" + campaign);
		assertThat(again.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(again.path("chatChannelSid").asString()).isEqualTo(first.path("chatChannelSid").asString());
	}

	private void publishBulk(String requestId, String from, String to, String campaign) {
		Map<String, Object> body = RequestBodies.minimal(requestId, from, to);
		body.put("campaignId", campaign);
		this.taps.publishBulk(RequestBodies.json(body));
	}

	private static String campaignId() {
		return "c-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
