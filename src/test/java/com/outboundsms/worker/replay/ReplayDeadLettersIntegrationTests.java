package com.outboundsms.worker.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.pacing.VirtualTicker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.outboundsms.worker.replay.DeadLetterQueueFixture.workerDeadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code replay-dead-letters} command, run through its entry point against the local
 * broker: it moves exactly the matching dead letters back to the request exchange with
 * their dead-letter headers gone, keeps the others in the dead-letter queue as they were,
 * changes nothing in a dry run, moves nothing a second time, and honours the limit and
 * the rate.
 */
class ReplayDeadLettersIntegrationTests {

	private static final Instant NOW = Instant.now();

	private final TestServices services = TestServices.get();

	private final VirtualTicker ticker = new VirtualTicker();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private RunNames names;

	private DeadLetterQueueFixture queues;

	@BeforeEach
	void declareTopology() throws IOException, TimeoutException {
		this.names = RunNames.named("osw-test-replay-" + UUID.randomUUID().toString().substring(0, 8));
		this.queues = new DeadLetterQueueFixture(this.services, this.names);
	}

	@AfterEach
	void deleteTopology() throws IOException {
		this.queues.close();
	}

	@Test
	void movesOnlyTheGivenErrorCodeWithItsDeadLetterHeadersGone() throws Exception {
		deadLetterMix();

		int status = replay("--error-code=RETRIES_EXHAUSTED");

		assertThat(status).isEqualTo(0);
		List<GetResponse> requests = this.queues.drainRequests();
		assertThat(requests).extracting(this::body).containsExactly("body-a", "body-c");
		for (GetResponse request : requests) {
			AMQP.BasicProperties properties = request.getProps();
			String id = body(request).substring("body-".length());
			assertThat(properties.getMessageId()).isEqualTo("msg-" + id);
			assertThat(properties.getCorrelationId()).isEqualTo("corr-" + id);
			assertThat(properties.getContentType()).isEqualTo("application/json");
			assertThat(properties.getDeliveryMode()).isEqualTo(2);
			assertThat(headerNames(properties)).containsExactlyInAnyOrder("x-request-id", "tenant", "x-replayed-at");
			assertThat(properties.getHeaders().get("x-request-id")).hasToString(id);
			assertThat(Instant.parse(properties.getHeaders().get("x-replayed-at").toString())).isBetween(NOW,
					Instant.now());
		}
		assertKeptIntact(this.queues.drainDeadLetters(), "body-b", "body-d", "body-e");
		assertThat(output()).contains("examined 5, moved 2, kept 3")
			.containsPattern("RETRIES_EXHAUSTED\\s+moved 2, kept 0")
			.containsPattern("INVALID_REQUEST\\s+moved 0, kept 1")
			.containsPattern("broker:rejected\\s+moved 0, kept 1")
			.containsPattern("unknown\\s+moved 0, kept 1");
	}

	@Test
	void movesEachDeadLetterBackToTheLaneItCameIn() throws Exception {
		this.queues.deadLetter("body-bulk",
				workerDeadLetter("bulk", "RETRIES_EXHAUSTED", ago(Duration.ofHours(2)))
					.headers(Map.of("x-request-id", "bulk", "x-lane", "bulk"))
					.build());
		this.queues.deadLetter("body-interactive",
				workerDeadLetter("interactive", "RETRIES_EXHAUSTED", ago(Duration.ofHours(2)))
					.headers(Map.of("x-request-id", "interactive", "x-lane", "interactive"))
					.build());

		int status = replay();

		assertThat(status).isEqualTo(0);
		List<GetResponse> bulk = this.queues.drainBulkRequests();
		assertThat(bulk).extracting(this::body).containsExactly("body-bulk");
		assertThat(headerNames(bulk.get(0).getProps())).doesNotContain("x-lane");
		assertThat(this.queues.drainRequests()).extracting(this::body).containsExactly("body-interactive");
	}

	@Test
	void movesByAgeFromTheLastAttemptElseTheDeathElseTheTimestamp() throws Exception {
		deadLetterMix();

		int status = replay("--older-than=1h");

		assertThat(status).isEqualTo(0);
		List<GetResponse> requests = this.queues.drainRequests();
		assertThat(requests).extracting(this::body).containsExactly("body-a", "body-b", "body-e");
		assertThat(requests).allSatisfy((request) -> assertThat(headerNames(request.getProps()))
			.noneMatch((name) -> name.startsWith("x-error-") || name.startsWith("x-twilio-"))
			.contains("x-replayed-at"));
		// c was last attempted 5 minutes ago, d dead-lettered by the broker just now
		assertKeptIntact(this.queues.drainDeadLetters(), "body-c", "body-d");
	}

	@Test
	void movesNewerOnesWithoutTheBrokersDeathHeaders() throws Exception {
		deadLetterMix();

		int status = replay("--newer-than=1h");

		assertThat(status).isEqualTo(0);
		List<GetResponse> requests = this.queues.drainRequests();
		assertThat(requests).extracting(this::body).containsExactly("body-c", "body-d");
		assertThat(headerNames(requests.get(1).getProps())).containsExactly("x-replayed-at");
		assertThat(requests.get(1).getProps().getMessageId()).isEqualTo("msg-d");
		assertKeptIntact(this.queues.drainDeadLetters(), "body-a", "body-b", "body-e");
	}

	@Test
	void dryRunListsWhatWouldMoveAndChangesNothing() throws Exception {
		deadLetterMix();

		int status = replay("--error-code=RETRIES_EXHAUSTED,INVALID_REQUEST", "--dry-run");

		assertThat(status).isEqualTo(0);
		assertThat(this.queues.drainRequests()).isEmpty();
		assertKeptIntact(this.queues.drainDeadLetters(), "body-a", "body-b", "body-c", "body-d", "body-e");
		assertThat(output()).contains("Dry run, nothing changed: 5 messages")
			.contains("examined 5, would move 3, kept 2")
			.containsPattern("RETRIES_EXHAUSTED\\s+would move 2, kept 0")
			.containsPattern("INVALID_REQUEST\\s+would move 1, kept 0")
			.contains("request ids that would move:\n  a\n  b\n  c\n")
			.doesNotContain("paced");
		assertThat(this.ticker.sleeps()).isEmpty();
	}

	@Test
	void aSecondRunMovesNothing() throws Exception {
		deadLetterMix();

		int first = replay("--error-code=RETRIES_EXHAUSTED");
		this.out.reset();
		int second = replay("--error-code=RETRIES_EXHAUSTED");

		assertThat(first).isEqualTo(0);
		assertThat(second).isEqualTo(0);
		assertThat(output()).contains("examined 3, moved 0, kept 3");
		assertThat(this.queues.drainRequests()).extracting(this::body).containsExactly("body-a", "body-c");
		assertKeptIntact(this.queues.drainDeadLetters(), "body-b", "body-d", "body-e");
	}

	@Test
	void honoursTheLimitAndPacesMovesAtTheRate() throws Exception {
		for (int i = 1; i <= 5; i++) {
			this.queues.deadLetter("body-r" + i,
					workerDeadLetter("r" + i, "RETRIES_EXHAUSTED", ago(Duration.ofHours(2))).build());
		}
		this.queues.deadLetter("body-x", workerDeadLetter("x", "INVALID_REQUEST", ago(Duration.ofHours(2))).build());

		int status = replay("--limit=3", "--rate=4");

		assertThat(status).isEqualTo(0);
		assertThat(this.queues.drainRequests()).extracting(this::body).containsExactly("body-r1", "body-r2", "body-r3");
		assertThat(this.queues.drainDeadLetters()).extracting(this::body)
			.containsExactly("body-r4", "body-r5", "body-x");
		// 3 permits at 4 per second: the first at once, then two waits of 250 ms
		assertThat(this.ticker.sleeps()).containsExactly(250_000_000L, 250_000_000L);
		assertThat(output()).contains("examined 3, moved 3, kept 0")
			.contains("paced at 4/s: 3 permits, 500 ms of waiting");
	}

	@Test
	void failsAndKeepsTheMessageWhenTheRequestExchangeCannotRouteIt() throws Exception {
		deadLetterMix();
		this.queues.unbindRequestQueue();

		int status = replay();

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("could not route the copy: 312 NO_ROUTE")
			.contains("every message not counted as moved is still in " + this.names.deadLetterQueue());
		assertThat(this.queues.drainRequests()).isEmpty();
		assertThat(this.queues.drainDeadLetters()).extracting(this::body)
			.containsExactlyInAnyOrder("body-a", "body-b", "body-c", "body-d", "body-e");
	}

	@Test
	void failsNamingTheDeadLetterQueueWhenItDoesNotExist() {
		RunNames missing = RunNames.named(this.names.prefix() + "-missing");

		int status = replay(missing);

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("cannot read the dead-letter queue '" + missing.deadLetterQueue() + "'")
			.contains("NOT_FOUND");
		assertThat(output()).isEmpty();
	}

	@Test
	void refusesUnknownOptionsWithoutTouchingTheBroker() throws Exception {
		deadLetterMix();

		int status = replay("--older=1h");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown option --older")
			.contains("usage: java -jar outbound-sms-worker.jar replay-dead-letters");
		assertThat(this.queues.deadLetterCount()).isEqualTo(5);
	}

	/**
	 * a: retries exhausted 2 h ago; b: invalid 2 h ago; c: retries exhausted 5 min ago;
	 * d: dead-lettered by the broker just now; e: no headers, timestamped 2 h ago.
	 */
	private void deadLetterMix() throws Exception {
		this.queues.deadLetter("body-a", workerDeadLetter("a", "RETRIES_EXHAUSTED", ago(Duration.ofHours(2))).build());
		this.queues.deadLetter("body-b", workerDeadLetter("b", "INVALID_REQUEST", ago(Duration.ofHours(2))).build());
		this.queues.deadLetter("body-c",
				workerDeadLetter("c", "RETRIES_EXHAUSTED", ago(Duration.ofMinutes(5))).build());
		this.queues.deadLetterByBroker("body-d", "msg-d");
		this.queues.deadLetter("body-e",
				new AMQP.BasicProperties.Builder().messageId("msg-e").timestamp(ago(Duration.ofHours(2))).build());
	}

	private int replay(String... options) {
		return replay(this.names, options);
	}

	private int replay(RunNames run, String... options) {
		List<String> args = new ArrayList<>(List.of("replay-dead-letters"));
		args.addAll(List.of(options));
		args.addAll(this.services.arguments(run));
		return ReplayCommand.run(args.toArray(String[]::new), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.ticker);
	}

	private void assertKeptIntact(List<GetResponse> deadLetters, String... bodies) {
		assertThat(deadLetters).extracting(this::body).containsExactly(bodies);
		for (GetResponse deadLetter : deadLetters) {
			Map<String, Object> headers = deadLetter.getProps().getHeaders();
			String body = body(deadLetter);
			assertThat(headers).doesNotContainKey("x-replayed-at");
			if (body.equals("body-d")) {
				assertThat(headers).containsKey("x-death");
				assertThat(deadLetter.getProps().getMessageId()).isEqualTo("msg-d");
			}
			else if (body.equals("body-e")) {
				assertThat(deadLetter.getProps().getTimestamp()).isEqualTo(ago(Duration.ofHours(2)));
				assertThat(headerNames(deadLetter.getProps())).isEmpty();
			}
			else {
				String id = body.substring("body-".length());
				assertThat(headerNames(deadLetter.getProps())).containsExactlyInAnyOrder("x-request-id", "x-error-code",
						"x-error-message", "x-attempts", "x-first-attempt-at", "x-last-attempt-at", "x-twilio-code",
						"x-twilio-status", "tenant");
				assertThat(headers.get("x-request-id")).hasToString(id);
				assertThat(deadLetter.getProps().getCorrelationId()).isEqualTo("corr-" + id);
			}
		}
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String body(GetResponse response) {
		return new String(response.getBody(), StandardCharsets.UTF_8);
	}

	/**
	 * The message's header names, but for the {@code x-delivery-count} a quorum queue
	 * adds to each delivery, this test's own included.
	 */
	private static List<String> headerNames(AMQP.BasicProperties properties) {
		Map<String, Object> headers = properties.getHeaders();
		return (headers != null) ? headers.keySet().stream().filter((name) -> !name.equals("x-delivery-count")).toList()
				: List.of();
	}

	private static Date ago(Duration duration) {
		// whole seconds: the AMQP timestamp has no fraction
		return Date.from(NOW.minus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

}
