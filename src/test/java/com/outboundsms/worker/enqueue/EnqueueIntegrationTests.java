package com.outboundsms.worker.enqueue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.pacing.VirtualTicker;
import com.outboundsms.worker.processing.Lane;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code enqueue} command, run through its entry point against the local broker:
 * every row of a file lands on the request queue with its id and body, persistent and
 * confirmed, at the rate asked for; a file with invalid rows, or a dry run, publishes
 * nothing; the same file gives the same ids twice; what the broker cannot route is
 * reported and fails the run.
 */
class EnqueueIntegrationTests {

	private static final String FROM = "+15005550006";

	private final TestServices services = TestServices.get();

	private final VirtualTicker ticker = new VirtualTicker();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path directory;

	private RunNames names;

	private RequestQueueFixture queue;

	@BeforeEach
	void declareTopology() throws IOException, TimeoutException {
		this.names = RunNames.named("osw-test-enqueue-" + UUID.randomUUID().toString().substring(0, 8));
		this.queue = new RequestQueueFixture(this.services, this.names);
	}

	@AfterEach
	void deleteTopology() throws IOException {
		this.queue.close();
	}

	@Test
	void publishesEveryRowOfAThousandRowCsvFileWithItsIdAndBody() throws Exception {
		Map<String, String> expected = new LinkedHashMap<>();
		StringBuilder csv = new StringBuilder("requestId,fromNumber,toNumber,toName,metadata.campaign\n");
		for (int i = 0; i < 1000; i++) {
			String requestId = (i % 2 == 0) ? "spring-" + i : "";
			String to = "+1415555" + String.format("%04d", 1000 + i);
			csv.append(requestId)
				.append(',')
				.append(FROM)
				.append(',')
				.append(to)
				.append(",Customer ")
				.append(i)
				.append(",spring\n");
			String body = "{" + (requestId.isEmpty() ? "" : "\"requestId\":\"" + requestId + "\",")
					+ "\"fromNumber\":\"" + FROM + "\",\"toNumber\":\"" + to + "\",\"toName\":\"Customer " + i
					+ "\",\"metadata\":{\"campaign\":\"spring\"}}";
			expected.put(requestId.isEmpty() ? sha256(body) : requestId, body);
		}
		Path file = write("campaign.csv", csv.toString());

		int status = enqueue(file.toString(), "--rate=100", "--batch=50");

		assertThat(status).as(errors()).isEqualTo(0);
		List<GetResponse> messages = this.queue.drain();
		assertThat(messages).hasSize(1000);
		Map<String, String> published = new LinkedHashMap<>();
		for (GetResponse message : messages) {
			assertThat(message.getProps().getContentType()).isEqualTo("application/json");
			assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
			published.put(message.getProps().getMessageId(), body(message));
		}
		assertThat(published).containsExactlyEntriesOf(expected);
		assertThat(output()).contains("campaign.csv (csv): 1000 rows, 1000 valid, 0 invalid")
			.contains("published 1000, confirmed 1000, failed 0, invalid 0, retried 0, in 10.0 s (100.1/s)");
		// 1,000 publishes at 100 per second: the first at once, then 999 waits of 10 ms
		assertThat(this.ticker.sleeps()).hasSize(999).containsOnly(10_000_000L);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.endsWith("enqueue: 100% 1000/1000 confirmed, 0 failed, 100.1/s\n");
	}

	@Test
	void publishesNothingWhenTwoRowsAreInvalidAndNamesBoth() throws Exception {
		StringBuilder csv = new StringBuilder("fromNumber,toNumber,toName,initialNotificationMessage\n");
		for (int i = 0; i < 10; i++) {
			String to = (i == 2) ? "12" : "+1415555" + String.format("%04d", 2000 + i);
			String name = (i == 7) ? "" : "Customer " + i;
			csv.append(FROM).append(',').append(to).append(',').append(name).append(",Hello\n");
		}
		Path file = write("campaign.csv", csv.toString());

		int status = enqueue(file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.queue.depth()).isZero();
		assertThat(output()).contains("10 rows, 8 valid, 2 invalid")
			.contains("line 4:\n    toNumber: is not a valid phone number\n")
			.contains("line 9:\n    toName: is required\n")
			.contains("nothing published");
		assertThat(this.ticker.sleeps()).isEmpty();
	}

	@Test
	void dryRunChecksEveryRowAndPublishesNothing() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(3, 3000));

		int status = enqueue(file.toString(), "--dry-run");

		assertThat(status).isEqualTo(0);
		assertThat(output()).contains("campaign.jsonl (jsonl): 3 rows, 3 valid, 0 invalid")
			.contains("dry run: every row is valid; nothing published");
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void dryRunNeedsNoBroker() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(3, 3000));

		int status = EnqueueCommand.run(
				new String[] { "enqueue", file.toString(), "--dry-run", "--spring.rabbitmq.port=1" },
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.ticker, false);

		assertThat(status).isEqualTo(0);
		assertThat(output()).contains("dry run: every row is valid; nothing published");
	}

	@Test
	void givesTheSameMessageIdsWhenTheSameFileIsEnqueuedTwice() throws Exception {
		String lines = jsonLines(5, 4000);
		Path file = write("campaign.jsonl", lines);

		int first = enqueue(file.toString());
		List<GetResponse> firstRun = this.queue.drain();
		int second = enqueue(file.toString());
		List<GetResponse> secondRun = this.queue.drain();

		assertThat(first).isEqualTo(0);
		assertThat(second).isEqualTo(0);
		assertThat(firstRun).hasSize(5);
		assertThat(secondRun).extracting((message) -> message.getProps().getMessageId())
			.containsExactlyElementsOf(firstRun.stream().map((message) -> message.getProps().getMessageId()).toList());
		// each line is published as it is, so the id is the one the worker derives
		assertThat(firstRun).extracting(EnqueueIntegrationTests::body)
			.containsExactlyElementsOf(lines.lines().toList());
		assertThat(firstRun)
			.allSatisfy((message) -> assertThat(message.getProps().getMessageId()).isEqualTo(sha256(body(message))));
	}

	@Test
	void reportsRowsTheBrokerCannotRouteAfterEveryAttempt() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(2, 5000));
		this.queue.unbindRequestQueue();

		int status = enqueue(file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(output()).contains("published 2, confirmed 0, failed 2, invalid 0, retried 4")
			.containsPattern("failed: line 1 \\(sha256:[0-9a-f]{64}\\): the broker could not route it: 312 NO_ROUTE, "
					+ "after 3 attempts");
	}

	@Test
	void failsBeforePublishingWhenTheRequestExchangeIsMissing() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(2, 6000));
		RunNames missing = RunNames.named(this.names.prefix() + "-missing");

		int status = enqueue(missing, file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("the request exchange '" + missing.requestExchange() + "' cannot be used")
			.contains("NOT_FOUND")
			.contains("nothing was published");
	}

	@Test
	void publishesToTheBulkLaneByDefault() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(3, 3000));

		int status = enqueue(file.toString());

		assertThat(status).as(errors()).isZero();
		assertThat(this.queue.drain(Lane.BULK)).hasSize(3)
			.allSatisfy((message) -> assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("request.bulk"));
		assertThat(this.queue.drain(Lane.INTERACTIVE)).isEmpty();
	}

	@Test
	void publishesToTheInteractiveLaneWhenToldTo() throws Exception {
		Path file = write("urgent.jsonl", jsonLines(2, 3100));

		int status = enqueue(file.toString(), "--lane=interactive");

		assertThat(status).as(errors()).isZero();
		assertThat(this.queue.drain(Lane.INTERACTIVE)).hasSize(2)
			.allSatisfy((message) -> assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("request"));
		assertThat(this.queue.drain(Lane.BULK)).isEmpty();
	}

	@Test
	void stampsEveryRowWithoutACampaignIdWithTheOnesOption() throws Exception {
		Path file = write("campaign.csv", "requestId,fromNumber,toNumber,toName,campaignId\n" + "own-1," + FROM
				+ ",+14155553200,Ada,autumn-2026\n" + "stamped-1," + FROM + ",+14155553201,Bob,\n");

		int status = enqueue(file.toString(), "--campaign-id=spring-2027");

		assertThat(status).as(errors()).isZero();
		Map<String, String> bodies = new LinkedHashMap<>();
		this.queue.drain().forEach((message) -> bodies.put(message.getProps().getMessageId(), body(message)));
		assertThat(bodies).containsOnlyKeys("own-1", "stamped-1");
		assertThat(bodies.get("own-1")).contains("\"campaignId\":\"autumn-2026\"").doesNotContain("spring-2027");
		assertThat(bodies.get("stamped-1")).startsWith("{\"campaignId\":\"spring-2027\",\"requestId\":\"stamped-1\"");
	}

	@Test
	void refusesAnInvalidCampaignIdOptionWithoutTouchingTheBroker() throws Exception {
		Path file = write("campaign.jsonl", jsonLines(1, 3300));

		int status = enqueue(file.toString(), "--campaign-id=spring sale");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--campaign-id must be 1 to 64 characters");
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void refusesAMissingFileWithoutTouchingTheBroker() {
		int status = enqueue(this.directory.resolve("nowhere.csv").toString());

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cannot read");
	}

	private int enqueue(String... options) {
		return enqueue(this.names, options);
	}

	private int enqueue(RunNames run, String... options) {
		List<String> args = new ArrayList<>(List.of("enqueue"));
		args.addAll(List.of(options));
		args.addAll(this.services.arguments(run));
		return EnqueueCommand.run(args.toArray(String[]::new), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.ticker, false);
	}

	private static String jsonLines(int count, int firstNumber) {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < count; i++) {
			lines.append("{\"fromNumber\": \"")
				.append(FROM)
				.append("\", \"toNumber\": \"+1415555")
				.append(firstNumber + i)
				.append("\", \"toName\": \"Customer ")
				.append(i)
				.append("\"}\n");
		}
		return lines.toString();
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String errors() {
		return this.err.toString(StandardCharsets.UTF_8) + output();
	}

	private static String body(GetResponse message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

	private static String sha256(String body) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
