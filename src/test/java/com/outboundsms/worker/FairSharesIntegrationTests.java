package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.Lane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Campaigns in the bulk lane on a real broker: each campaign's requests wait in a
 * fair-share queue of their own, which the lane's consumers take from in turn, so a small
 * campaign queued behind a large one is served beside it, not after it; a request without
 * a campaign waits in the first share, and the worker keeps each campaign's share in the
 * store.
 */
@WorkerIntegrationTest
@Import(LaneRecorder.class)
@TestPropertySource(properties = { "outbound-sms.consumption.consumers=2", "outbound-sms.inbound.bulk-shares=8" })
class FairSharesIntegrationTests {

	private static final int LARGE = 60;

	private static final int SMALL = 10;

	@Autowired
	CapturedMessages taps;

	@Autowired
	LaneRecorder recorder;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	RabbitTemplate template;

	@Autowired
	RunNames names;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void releaseTheBulkLane() {
		this.recorder.releaseBulk();
	}

	@Test
	void servesASmallCampaignQueuedBehindALargeOneBesideIt() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.recorder.holdBulk();
		List<String> large = ids("large", LARGE);
		List<String> small = ids("small", SMALL);
		large.forEach((id) -> publishBulk(id, from, "large-campaign"));
		small.forEach((id) -> publishBulk(id, from, "small-campaign"));
		// everything has left the lane's queue for the shares before the lane moves on
		await().atMost(CapturedMessages.PATIENCE)
			.until(() -> ready(this.names.bulkQueue()) == 0
					&& waitingInShares() + this.recorder.arrivals().size() >= LARGE + SMALL - 4);

		this.recorder.releaseBulk();

		small.forEach((id) -> assertThat(this.taps.awaitResult(id).path("outcome").asString()).isEqualTo("CREATED"));
		large.forEach((id) -> assertThat(this.taps.awaitResult(id).path("outcome").asString()).isEqualTo("CREATED"));
		List<String> order = this.recorder.arrivals();
		int lastSmall = small.stream().mapToInt(order::indexOf).max().orElseThrow();
		// first in, first out would serve the small campaign last, from position 60 on;
		// in turn it is done after about as many of the large one's
		assertThat(lastSmall).as("position of the small campaign's last request in %s", order)
			.isLessThan(2 * SMALL + 8);
		assertThat(large).allSatisfy((id) -> assertThat(this.recorder.lanesOf(id)).containsOnly(Lane.BULK));
	}

	@Test
	void keepsEachCampaignInAShareOfItsOwnAndRequestsWithoutOneInTheFirst() {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);

		publishBulk("share-a-1", from, "share-campaign-a");
		publishBulk("share-b-1", from, "share-campaign-b");
		publishBulk("share-none-1", from, null);

		List.of("share-a-1", "share-b-1", "share-none-1")
			.forEach((id) -> assertThat(this.taps.awaitResult(id).path("outcome").asString()).isEqualTo("CREATED"));
		Map<String, Integer> shares = this.jdbc
			.sql("SELECT campaign_id, fair_share FROM campaign WHERE campaign_id LIKE 'share-campaign-%'")
			.query((rs) -> {
				Map<String, Integer> rows = new java.util.HashMap<>();
				while (rs.next()) {
					rows.put(rs.getString(1), rs.getInt(2));
				}
				return rows;
			});
		assertThat(shares).containsOnlyKeys("share-campaign-a", "share-campaign-b");
		assertThat(shares.values()).allSatisfy((share) -> assertThat(share).isBetween(1, 7)).doesNotHaveDuplicates();
	}

	private long waitingInShares() {
		return this.names.shareQueues().stream().mapToLong(this::ready).sum();
	}

	private long ready(String queue) {
		java.util.Properties declared = this.admin.getQueueProperties(queue);
		return (declared != null) ? ((Number) declared.get("QUEUE_MESSAGE_COUNT")).longValue() : 0;
	}

	private static List<String> ids(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + "-" + i).toList();
	}

	private void publishBulk(String requestId, String from, String campaignId) {
		Map<String, Object> body = new java.util.HashMap<>(
				RequestBodies.minimal(requestId, from, TestNumbers.customerNumber()));
		if (campaignId != null) {
			body.put("campaignId", campaignId);
		}
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		this.template.send(this.names.requestExchange(), "request.bulk",
				new Message(RequestBodies.json(body).getBytes(StandardCharsets.UTF_8), properties));
	}

}
