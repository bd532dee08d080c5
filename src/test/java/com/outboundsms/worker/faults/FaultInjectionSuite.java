package com.outboundsms.worker.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault-injection suite: real worker processes (the worker's classes with the crash
 * points of the test classpath), the emulator in its own process, the local RabbitMQ and
 * PostgreSQL; workers killed with SIGKILL, every broker connection closed, the store cut
 * off, Twilio failing calls, and a worker halted at each named crash point in turn. Each
 * run ends with a table of figures, and fails if a request was lost or a pair got a
 * second channel or session. Run with {@code mvn -B -Pfault-suite verify}; not part of
 * the quick build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionSuite {

	private static final Path LOGS = Path.of("target", "fault-suite");

	private static final List<String> TWILIO_NUMBERS = List.of("+16465550101", "+16465550102", "+16465550103",
			"+16465550104");

	private static final StringBuilder REPORT = new StringBuilder("# Fault-injection suite\n");

	private final long seed = Long.getLong("fault-suite.seed", System.nanoTime());

	private final RandomGenerator random = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom")
		.create(this.seed);

	@Test
	@Order(1)
	void manyRequestsThroughKillsAConnectionDropAStoreOutageAndTwilioErrors() throws Exception {
		int size = Integer.getInteger("fault-suite.requests", 10_000);
		int pairs = Integer.getInteger("fault-suite.pairs", 2_000);
		Duration spread = Duration.ofSeconds(Long.getLong("fault-suite.spread-seconds", 100));
		Campaign campaign = Campaign.draw("main", size, pairs, TWILIO_NUMBERS, 0.01, this.random);
		long started = System.nanoTime();
		try (FaultRig rig = new FaultRig("main", LOGS, TWILIO_NUMBERS)) {
			rig.emulator().seed(this.seed);
			rig.emulator().failRandomly(0.05, 503, 20503);
			rig.emulator().failRandomly(0.02, 429, 20429);
			List<WorkerSlot> workers = List.of(rig.startWorker("worker-a", WorkerSlot.CrashPlan.none(), this.random),
					rig.startWorker("worker-b", WorkerSlot.CrashPlan.none(), this.random));
			awaitReady(workers);
			Ledger.bindTap(rig.connections());
			FaultSchedule faults = new FaultSchedule(rig, workers, spread, this.random);
			Producer producer = new Producer(rig.connections());
			producer.publish(campaign, spread);
			faults.awaitDone();
			Quiet quiet = awaitQuiet(rig, Duration.ofMinutes(15));
			rig.emulator().resetFaults();
			Ledger ledger = Ledger.drain(rig.connections());
			FaultFigures figures = figures(String.format(
					"%,d requests, %,d pairs over %d s: 5 kills, connections closed, store outage, Twilio 5 %% 503 and 2 %% 429",
					size, pairs, spread.toSeconds()), campaign, ledger, rig, quiet, started)
				.put("publish batches sent again", producer.republishedBatches())
				.put("faults", faults.log());
			report(figures);
			assertRun(campaign, ledger, rig, quiet);
			assertThat(workers.stream().mapToInt(WorkerSlot::kills).sum()).isEqualTo(FaultSchedule.KILLS);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("crashPoints")
	@Order(2)
	void aWorkerHaltedAtACrashPointLosesAndDuplicatesNothing(String point, int maxSkip) throws Exception {
		int size = Integer.getInteger("fault-suite.crash-requests", 300);
		Campaign campaign = Campaign.draw("crash", size, size / 3, TWILIO_NUMBERS, 0.03, this.random);
		long started = System.nanoTime();
		try (FaultRig rig = new FaultRig("crash-" + point.replaceAll("[^a-z0-9-]+", "_"), LOGS, TWILIO_NUMBERS)) {
			WorkerSlot worker = rig.startWorker("worker", new WorkerSlot.CrashPlan(point, 2, maxSkip), this.random);
			awaitReady(List.of(worker));
			Ledger.bindTap(rig.connections());
			new Producer(rig.connections()).publish(campaign, Duration.ZERO);
			Quiet quiet = awaitQuiet(rig, Duration.ofMinutes(5));
			Ledger ledger = Ledger.drain(rig.connections());
			report(figures("crash point " + point, campaign, ledger, rig, quiet, started).put("halts at the point",
					worker.crashPointHalts()));
			assertRun(campaign, ledger, rig, quiet);
			assertThat(worker.crashPointHalts()).as("halts at " + point).isGreaterThanOrEqualTo(1);
		}
	}

	static Stream<Arguments> crashPoints() {
		String channels = "POST flex-api/v1/Channels";
		String sessions = "POST proxy/v1/Services/{sid}/Sessions";
		String messages = "POST chat/v2/Services/{sid}/Channels/{sid}/Messages";
		List<Arguments> points = new ArrayList<>(List.of(Arguments.of("after-claim", 10),
				Arguments.of("before-twilio:" + channels, 10), Arguments.of("after-twilio:" + channels, 10),
				Arguments.of("before-twilio:" + sessions, 10), Arguments.of("after-twilio:" + sessions, 10),
				Arguments.of("before-twilio:" + messages, 10), Arguments.of("after-twilio:" + messages, 10)));
		// the channel has no checkpoint of its own: the one after its create already
		// says the session is being tried
		for (String step : List.of("proxy-session", "chat-message")) {
			points.add(Arguments.of("after-checkpoint:attempting-" + step, 10));
			points.add(Arguments.of("after-checkpoint:made-" + step, 10));
		}
		points.add(Arguments.of("after-open", 10));
		points.add(Arguments.of("after-result-publish", 10));
		points.add(Arguments.of("after-dead-letter-publish", 1));
		String only = System.getProperty("fault-suite.points", "");
		Set<String> chosen = Set.copyOf(Arrays.asList(only.split(",")));
		return points.stream().filter((point) -> only.isBlank() || chosen.contains((String) point.get()[0]));
	}

	private static void awaitReady(List<WorkerSlot> workers) {
		await("the workers to start").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> workers.stream().allMatch(WorkerSlot::isReady));
	}

	/**
	 * Waits until nothing is left to do: no message ready, unacknowledged or waiting on a
	 * delay queue, three looks in a row.
	 */
	private static Quiet awaitQuiet(FaultRig rig, Duration atMost) {
		AtomicInteger quietLooks = new AtomicInteger();
		Map<String, BrokerControl.Depth>[] last = new Map[1];
		await("the run to settle").atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
			last[0] = rig.broker().depths();
			boolean busy = last[0].entrySet()
				.stream()
				.filter((queue) -> isWork(queue.getKey()))
				.anyMatch((queue) -> queue.getValue().messages() > 0 || queue.getValue().unacked() > 0);
			return busy ? quietLooks.getAndSet(0) < 0 : quietLooks.incrementAndGet() >= 3;
		});
		long left = last[0].entrySet()
			.stream()
			.filter((queue) -> isWork(queue.getKey()))
			.mapToLong((queue) -> queue.getValue().messages())
			.sum();
		long unacked = last[0].values().stream().mapToLong(BrokerControl.Depth::unacked).sum();
		return new Quiet(left, unacked, rig.expiredLeases(), rig.pendingOutreaches());
	}

	/**
	 * Whether a queue holds the worker's work: the request and delay queues, not the
	 * suite's result tap, the DLQ, or a worker's own result subscription (for its HTTP
	 * door's waits).
	 */
	private static boolean isWork(String queue) {
		return !queue.equals(Ledger.TAP) && !queue.equals(Ledger.DEAD_LETTERS) && !queue.startsWith("spring.gen-");
	}

	private FaultFigures figures(String run, Campaign campaign, Ledger ledger, FaultRig rig, Quiet quiet,
			long started) {
		JsonNode pairs = rig.emulator().pairs();
		long doubled = 0;
		long messagedTwice = 0;
		for (JsonNode pair : pairs) {
			if (pair.get("channels").asInt() > 1 || pair.get("sessions").asInt() > 1) {
				doubled++;
			}
			if (pair.get("messages").asInt() > 1) {
				messagedTwice++;
			}
		}
		List<Integer> attempts = ledger.attempts();
		return new FaultFigures(run).put("seed", this.seed)
			.put("requests published", campaign.requests().size())
			.put("distinct pairs", campaign.pairs())
			.put("result events", ledger.resultEvents())
			.put("outcomes CREATED / REUSED / FAILED",
					ledger.outcomes("CREATED") + " / " + ledger.outcomes("REUSED") + " / " + ledger.outcomes("FAILED"))
			.put("DLQ entries", ledger.deadLetterEntries())
			.put("**lost**", ledger.lost(campaign).size())
			.put("**pairs with more than one channel or session**", doubled)
			.put("**pairs sent the first message more than once**", messagedTwice)
			.put("pairs with an outreach in the emulator", pairs.size())
			.put("requests with duplicate result events", ledger.duplicateResults())
			.put("requests dead-lettered more than once", ledger.duplicateDeadLetters())
			.put("requests with a wrong outcome", ledger.wrongOutcomes(campaign).size())
			.put("**requests whose result events disagree**", ledger.disagreeingResults())
			.put("attempts per request (max / p99)",
					attempts.stream().mapToInt(Integer::intValue).max().orElse(0) + " / "
							+ FaultFigures.percentile(attempts, 99))
			.put("redeliveries per request (max / p99)", redeliveries(rig))
			.put("Twilio calls by status", rig.emulator().statuses())
			.put("worker starts (of which ended on their own, e.g. could not start without the store)",
					rig.workers().stream().mapToInt(WorkerSlot::starts).sum() + " ("
							+ rig.workers().stream().mapToInt(WorkerSlot::exitsOnItsOwn).sum() + ")")
			.put("end state: messages left / unacked", quiet.messagesLeft() + " / " + quiet.unacked())
			.put("end state: expired leases / pending outreaches",
					quiet.expiredLeases() + " / " + quiet.pendingOutreaches())
			.put("duration", Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
	}

	private static String redeliveries(FaultRig rig) {
		List<String> outputs = rig.workers().stream().flatMap((worker) -> worker.outputs().stream()).toList();
		List<Integer> counts = List.copyOf(Redeliveries.perRequest(outputs).values());
		return counts.stream().mapToInt(Integer::intValue).max().orElse(0) + " / " + FaultFigures.percentile(counts, 99)
				+ " (" + counts.stream().filter((count) -> count > 0).count() + " requests redelivered)";
	}

	private static void assertRun(Campaign campaign, Ledger ledger, FaultRig rig, Quiet quiet) {
		assertThat(ledger.lost(campaign)).as("lost requests").isEmpty();
		assertThat(rig.emulator().pairs()).as("pairs with more than one channel or session").allSatisfy((pair) -> {
			assertThat(pair.get("channels").asInt()).isLessThanOrEqualTo(1);
			assertThat(pair.get("sessions").asInt()).isLessThanOrEqualTo(1);
			assertThat(pair.get("messages").asInt()).as("first messages").isLessThanOrEqualTo(1);
		});
		assertThat(ledger.wrongOutcomes(campaign)).as("requests with a wrong outcome").isEmpty();
		assertThat(ledger.disagreeingResults()).as("requests whose result events disagree").isZero();
		assertThat(quiet.messagesLeft()).as("messages left").isZero();
		assertThat(quiet.unacked()).as("unacknowledged deliveries").isZero();
		assertThat(quiet.expiredLeases()).as("expired leases").isZero();
	}

	private static void report(FaultFigures figures) {
		String table = figures.table();
		System.out.println(table);
		REPORT.append(table);
	}

	@AfterAll
	static void writeReport() throws IOException {
		Files.createDirectories(LOGS);
		Files.writeString(LOGS.resolve("report.md"), REPORT.toString());
		System.out.println(REPORT);
	}

	/**
	 * The state a run ended in.
	 *
	 * @param messagesLeft messages on the request and delay queues
	 * @param unacked deliveries not acknowledged
	 * @param expiredLeases pending outreaches whose lease ran out
	 * @param pendingOutreaches pending outreaches
	 */
	record Quiet(long messagesLeft, long unacked, long expiredLeases, long pendingOutreaches) {
	}

	/**
	 * The faults of the main run, at random moments while the requests are published:
	 * five SIGKILLs, one close of every broker connection, one store outage of 32 s.
	 */
	static final class FaultSchedule {

		static final int KILLS = 5;

		private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

		private final List<ScheduledFuture<?>> events = new ArrayList<>();

		private final List<String> log = new ArrayList<>();

		private final long start = System.nanoTime();

		FaultSchedule(FaultRig rig, List<WorkerSlot> workers, Duration spread, RandomGenerator random) {
			long window = spread.toMillis();
			for (int i = 0; i < KILLS; i++) {
				WorkerSlot victim = workers.get(random.nextInt(workers.size()));
				at((long) (window * (0.05 + 0.9 * random.nextDouble())), "kill -9 " + workerName(workers, victim),
						victim::kill);
			}
			at(window * 35 / 100, "rabbitmqctl close_all_connections", () -> rig.broker().closeAllConnections());
			long outage = window * 55 / 100;
			at(outage, "store cut", () -> cut(rig));
			at(outage + 32_000, "store back after 32 s", () -> restore(rig));
		}

		private void at(long millis, String what, Runnable fault) {
			this.events.add(this.scheduler.schedule(() -> {
				fault.run();
				synchronized (this.log) {
					this.log.add(what + " at " + (System.nanoTime() - this.start) / 1_000_000_000 + " s");
				}
			}, millis, TimeUnit.MILLISECONDS));
		}

		void awaitDone() throws Exception {
			for (ScheduledFuture<?> event : this.events) {
				event.get(10, TimeUnit.MINUTES);
			}
			this.scheduler.shutdown();
		}

		/** What happened when; one scheduler thread runs the faults, so in order. */
		String log() {
			synchronized (this.log) {
				return String.join("; ", this.log);
			}
		}

		private static String workerName(List<WorkerSlot> workers, WorkerSlot victim) {
			return "worker-" + (char) ('a' + workers.indexOf(victim));
		}

		private static void cut(FaultRig rig) {
			try {
				rig.store().cut();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void restore(FaultRig rig) {
			try {
				rig.store().restore();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
