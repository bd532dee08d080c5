package com.outboundsms.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.enqueue.EnqueueCommand;
import com.outboundsms.worker.processing.CampaignSummary;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign loaded with the {@code enqueue} command is processed by a running worker:
 * each row gets its outreach and its result event, under the row's request id, in the
 * bulk lane unless the command is told the interactive one.
 */
@WorkerIntegrationTest
@Import(LaneRecorder.class)
class EnqueueEndToEndIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	RunNames runNames;

	@Autowired
	LaneRecorder lanes;

	@Autowired
	Campaigns campaigns;

	@TempDir
	Path directory;

	@Test
	void aRunningWorkerProcessesEveryRowOfAnEnqueuedFile() throws IOException {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String campaign = "enqueued-" + UUID.randomUUID().toString().substring(0, 8);
		StringBuilder csv = new StringBuilder(
				"requestId,fromNumber,toNumber,toName,initialNotificationMessage,metadata.campaign\n");
		List<String> customers = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String to = TestNumbers.customerNumber();
			customers.add(to);
			csv.append(campaign)
				.append('-')
				.append(i)
				.append(',')
				.append(from)
				.append(',')
				.append(to)
				.append(",Customer ")
				.append(i)
				.append(",\"Hello, customer ")
				.append(i)
				.append("\",")
				.append(campaign)
				.append('\n');
		}
		Path file = Files.writeString(this.directory.resolve("campaign.csv"), csv.toString());
		List<String> args = new ArrayList<>(List.of("enqueue", file.toString()));
		args.addAll(TestServices.get().arguments(this.runNames));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int status = EnqueueCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
		for (int i = 1; i <= 3; i++) {
			JsonNode result = this.taps.awaitResult(campaign + "-" + i);
			assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
			assertThat(result.path("fromNumber").asString()).isEqualTo(from);
			assertThat(result.path("toNumber").asString()).isEqualTo(customers.get(i - 1));
			assertThat(result.path("metadata").path("campaign").asString()).isEqualTo(campaign);
			assertThat(result.path("chatMessageSid").asString()).startsWith("IM");
			assertThat(this.lanes.lanesOf(campaign + "-" + i)).containsExactly(Lane.BULK);
		}
	}

	@Test
	void publishesToTheInteractiveLaneWhenToldToAndStampsTheCampaignId() throws IOException {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String requestId = "enqueued-urgent-" + UUID.randomUUID().toString().substring(0, 8);
		Path file = Files.writeString(this.directory.resolve("urgent.jsonl"),
				RequestBodies.json(RequestBodies.minimal(requestId, from, TestNumbers.customerNumber())) + "\n");
		List<String> args = new ArrayList<>(
				List.of("enqueue", file.toString(), "--lane=interactive", "--campaign-id=winback-7"));
		args.addAll(TestServices.get().arguments(this.runNames));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int status = EnqueueCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("campaignId").asString()).isEqualTo("winback-7");
		assertThat(this.lanes.lanesOf(requestId)).containsExactly(Lane.INTERACTIVE);
	}

	@Test
	void registersTheCampaignsTotalSoThatTheCampaignIsDoneOnceEveryRowIsSettled() throws IOException {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		String campaign = "total-" + UUID.randomUUID().toString().substring(0, 8);
		String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> own = RequestBodies.minimal(campaign + "-3", from, TestNumbers.customerNumber());
		own.put("campaignId", other);
		Path file = Files.writeString(this.directory.resolve("total.jsonl"),
				RequestBodies.json(RequestBodies.minimal(campaign + "-1", from, TestNumbers.customerNumber())) + "\n"
						+ RequestBodies.json(RequestBodies.minimal(campaign + "-2", from, TestNumbers.customerNumber()))
						+ "\n" + RequestBodies.json(own) + "\n");
		List<String> args = new ArrayList<>(List.of("enqueue", file.toString(), "--campaign-id=" + campaign));
		args.addAll(TestServices.get().arguments(this.runNames));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int status = EnqueueCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
		this.taps.awaitResult(campaign + "-3");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			CampaignSummary summary = this.campaigns.find(campaign).orElseThrow();
			assertThat(summary.total()).isEqualTo(2);
			assertThat(summary.counts()).containsEntry(Outcome.CREATED, 2L);
			assertThat(summary.isDone()).isTrue();
		});
		assertThat(this.campaigns.find(other).orElseThrow().total()).isNull();
	}

}
