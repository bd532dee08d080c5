package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.outboundsms.worker.faults.BrokerControl;
import com.outboundsms.worker.faults.JavaProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The throughput benchmark: workers from the jar against the local RabbitMQ and
 * PostgreSQL, the emulator in its own process, RabbitMQ's PerfTest on the same broker;
 * prints a table of figures and writes {@code target/benchmark/report.md}. By default the
 * per-request cost figures, at the defaults a user gets (no JVM options, the default
 * backend, the default concurrency): S (start-up on each runtime present), A (end to end
 * on PostgreSQL, with CPU per process and per kind of worker thread and resident memory,
 * E; and again once the worker has settled), A' (the same on the embedded store), B
 * (latency at half A's rate), R (reused pairs, invalid requests);
 * {@code -Dbenchmark.figures=C,D,F} runs the earlier concurrency figures on flex-legacy.
 * Not a timed test: it fails only if requests are not all settled. Run with
 * {@code mvn -B -Pbenchmark verify}; sizes by {@code -Dbenchmark.*} properties.
 */
class ThroughputBenchmark {

	private static final Path JAR = Path.of("target", "outbound-sms-worker.jar");

	private static final Path OUT = Path.of("target", "benchmark");

	private static final String FROM = "+16465550101";

	/**
	 * What the per-request figures set, all of it about the account rather than the
	 * worker: where the emulator's Flex instance routes tasks (a user names their own),
	 * and Twilio's per-endpoint rates off, since the emulator answers at once and
	 * enforces none (on a real account they cap creates at 20 to 30/s, and these figures
	 * are about what the worker itself costs).
	 */
	private static final List<String> ACCOUNT = worker("--twilio.workspace-sid=WS00000000000000000000000000000000",
			"--twilio.workflow-sid=WW00000000000000000000000000000000",
			"--twilio.queue-sid=WQ00000000000000000000000000000000", "--twilio.limits.rate-limits-enabled=false");

	/**
	 * The earlier concurrency figures' settings (C, D, F on flex-legacy): rates off, and
	 * the flows D seeds read on the first miss, not up to 10 s later (D's steady state
	 * has no misses, so its count is the same).
	 */
	private static final List<String> WORKER = worker("--twilio.limits.max=100",
			"--twilio.limits.rate-limits-enabled=false", "--twilio.flow-miss-refresh=0s");

	/** Java 25, where the machine has it, for S and A on the newer runtime. */
	private static final Path JAVA_25 = Path
		.of(System.getProperty("benchmark.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

	/**
	 * The benchmark's worker settings, then any from {@code -Dbenchmark.worker-settings}
	 * (space-separated {@code --name=value}), which win, to try a setting against the
	 * same figures.
	 */
	private static List<String> worker(String... settings) {
		List<String> all = new ArrayList<>(List.of(settings));
		String extra = System.getProperty("benchmark.worker-settings", "").trim();
		if (!extra.isEmpty()) {
			all.addAll(List.of(extra.split("\\s+")));
		}
		return List.copyOf(all);
	}

	private final Set<String> figures = Set.of(System.getProperty("benchmark.figures", "S,A,B,R").split(","));

	private final int warmUp = Integer.getInteger("benchmark.warm-up", 1_000);

	private final int aRequests = Integer.getInteger("benchmark.a.requests", 8_000);

	private final int bSeconds = Integer.getInteger("benchmark.b.seconds", 20);

	private final int rRequests = Integer.getInteger("benchmark.r.requests", 8_000);

	private final int cRequests = Integer.getInteger("benchmark.c.requests", 20_000);

	private final int dFlows = Integer.getInteger("benchmark.d.flows", 2_500);

	private final int dSessions = Integer.getInteger("benchmark.d.sessions", 10_000);

	private final int dRequests = Integer.getInteger("benchmark.d.requests", 1_000);

	private final int fRequests = Integer.getInteger("benchmark.f.requests", 100_000);

	private final int perfTestSeconds = Integer.getInteger("benchmark.perftest.seconds", 30);

	private final BenchmarkReport report = new BenchmarkReport("Throughput benchmark");

	@Test
	void figures() throws Exception {
		try (BenchmarkRig rig = new BenchmarkRig(JAR, OUT, List.of(FROM))) {
			// the first worker declares the exchanges and queues the tap and the
			// publisher need
			JavaProcess first = rig.startWorker("worker-1", defaults(javaHome(), false));
			try (ResultTap tap = new ResultTap(rig.connection());
					RequestPublisher publisher = new RequestPublisher(rig.connection())) {
				if (this.figures.contains("A")) {
					costFigures(rig, first, publisher, tap);
				}
				else {
					first.stop(40);
				}
				if (this.figures.contains("S")) {
					figureS(rig, publisher, tap);
				}
				if (this.figures.contains("C") || this.figures.contains("D") || this.figures.contains("F")) {
					concurrencyFigures(rig, publisher, tap);
				}
			}
		}
		finally {
			this.report.note("sizes: warm-up " + this.warmUp + ", A and A' " + this.aRequests + " requests each, B "
					+ this.bSeconds + " s, R " + this.rRequests + " requests per kind, PerfTest " + this.perfTestSeconds
					+ " s" + (this.figures.contains("C") ? ", C " + this.cRequests : "")
					+ (this.figures.contains("D") ? ", D " + this.dFlows + " flows / " + this.dSessions + " sessions / "
							+ this.dRequests + " requests per kind" : "")
					+ (this.figures.contains("F") ? ", F " + this.fRequests : ""));
			this.report.note("S, A, A', B, R: one worker at a time, started with `java -jar` and no JVM options,"
					+ " the default backend (flex-conversations) and concurrency, settings " + String.join(" ", ACCOUNT)
					+ "; " + Runtime.getRuntime().availableProcessors()
					+ " cores shared by broker, database, emulator, worker and this driver");
			if (this.figures.contains("C") || this.figures.contains("D") || this.figures.contains("F")) {
				this.report.note("C, D, F: flex-legacy, JVM " + String.join(" ", BenchmarkRig.WORKER_JVM)
						+ ", settings " + String.join(" ", WORKER));
			}
			System.out.println(this.report.markdown());
			this.report.write(OUT.resolve("report.md"));
		}
		if (Boolean.getBoolean("benchmark.profile")) {
			for (String name : List.of("worker-1", "worker-embedded")) {
				Path recording = OUT.resolve(name + ".jfr");
				if (Files.exists(recording)) {
					// written when the worker stopped
					String profile = WorkerProfile.summary(recording, 15);
					System.out.println(profile);
					Files.writeString(OUT.resolve("report.md"), profile, StandardOpenOption.APPEND);
				}
			}
		}
	}

	/**
	 * A, E, B and R on PostgreSQL with Java 17, A on Java 25 where present, A' on the
	 * embedded store, PerfTest on the same broker for A's ratio.
	 */
	private void costFigures(BenchmarkRig rig, JavaProcess worker, RequestPublisher publisher, ResultTap tap)
			throws Exception {
		WorkerTimers timers = WorkerTimers.of(worker);
		drive(publisher, tap, requests("warm", 7_000_000, this.warmUp, false));
		Cost a = cost(rig, worker, publisher, tap, "a", 2_000_000);
		figureB(timers, publisher, tap, a.rate());
		figureR(rig, worker, publisher, tap, a);
		// the same worker again, its code compiled by now: what a worker costs once it
		// has settled, apart from what its first minutes cost
		Cost settled = cost(rig, worker, publisher, tap, "a-settled", 2_300_000);
		worker.stop(40);
		if (Files.isExecutable(JAVA_25.resolve("bin").resolve("java"))) {
			JavaProcess newer = rig.startWorker("worker-25", defaults(JAVA_25, false));
			drive(publisher, tap, requests("warm-25", 7_100_000, this.warmUp, false));
			Cost a25 = cost(rig, newer, publisher, tap, "a-25", 2_100_000);
			newer.stop(40);
			row("A on Java 25 (PostgreSQL)", a25);
		}
		JavaProcess embedded = rig.startWorker("worker-embedded", defaults(javaHome(), true));
		drive(publisher, tap, requests("warm-embedded", 7_200_000, this.warmUp, false));
		Cost aEmbedded = cost(rig, embedded, publisher, tap, "a-embedded", 2_200_000);
		embedded.stop(40);
		row("A'. the same on the embedded store (H2 file)", aEmbedded);
		int size = requests("a", 2_000_000, 1, false).get(0).body().length();
		PerfTestRun.Rates perfTest = PerfTestRun.run(rig.amqpUri(), size, this.perfTestSeconds, 100,
				OUT.resolve("perf-test.log"));
		double ratio = a.rate() / perfTest.receiving();
		this.report.row(
				"A. requests/s end to end, PostgreSQL, emulator at once (" + this.aRequests + " distinct pairs)",
				String.format(Locale.ROOT,
						"%.0f/s; PerfTest %d/s (sent %d/s, %d-byte persistent, confirms, quorum queue); ratio %.3f",
						a.rate(), perfTest.receiving(), perfTest.sending(), size, ratio),
				"≥ 1,000/s; ratio 0.25 the far goal", a.rate() >= 1_000);
		this.report.row("CPU during A (ms per request)", a.cpu(), "worker ≤ 0.5; broker + database + emulator ≤ 1.5",
				a.workerMs() <= 0.5 && a.othersMs() <= 1.5);
		this.report.row(
				"A, the same worker settled (after A, B and R: " + String.format(Locale.ROOT, "%,d",
						this.warmUp + this.aRequests + Math.min(this.rRequests, this.aRequests) + this.rRequests)
						+ " requests and B's)",
				String.format(Locale.ROOT, "%.0f/s; ratio to PerfTest %.3f; CPU %s", settled.rate(),
						settled.rate() / perfTest.receiving(), settled.cpu()),
				"≥ 1,000/s; worker ≤ 0.5 ms", settled.rate() >= 1_000 && settled.workerMs() <= 0.5);
		this.report.row("E. worker resident memory during A", a.rssMb() + " MB", "≤ 256 MB", a.rssMb() <= 256);
	}

	private void row(String figure, Cost cost) {
		this.report.row(figure, String.format(Locale.ROOT, "%.0f/s; worker resident %d MB; CPU %s", cost.rate(),
				cost.rssMb(), cost.cpu()), "≥ 1,000/s", cost.rate() >= 1_000);
	}

	private Cost cost(BenchmarkRig rig, JavaProcess worker, RequestPublisher publisher, ResultTap tap, String kind,
			int offset) throws Exception {
		Run run;
		CpuTime cpu = CpuTime.start(worker.pid(), rig.emulator().pid());
		WorkerThreads threads = WorkerThreads.start(worker.pid());
		long rss;
		try (ResidentMemory memory = new ResidentMemory(worker.pid())) {
			run = drive(publisher, tap, requests(kind, offset, this.aRequests, false));
			rss = memory.maxMb();
		}
		return new Cost(run.rate(),
				cpu.perRequest(this.aRequests) + "; the worker's threads: " + threads.perRequest(this.aRequests),
				cpu.msPerRequest(this.aRequests, "worker"),
				cpu.msPerRequest(this.aRequests, "broker", "database", "emulator"), rss);
	}

	/**
	 * R: requests for pairs A left open (new request ids: the open check, no Twilio
	 * create), then invalid requests (a customer number that is not one), each kind a
	 * backlog as in A.
	 */
	private void figureR(BenchmarkRig rig, JavaProcess worker, RequestPublisher publisher, ResultTap tap, Cost a)
			throws Exception {
		int count = Math.min(this.rRequests, this.aRequests);
		List<RequestPublisher.Request> reused = IntStream.range(0, count)
			.mapToObj((i) -> RequestPublisher.Request.of("bench-r-reused-" + i, FROM,
					"+1415" + String.format("%07d", 2_000_000 + i), false))
			.toList();
		rig.emulator().clearRequests();
		long reusedBefore = tap.count("result.reused");
		CpuTime reusedCpu = CpuTime.start(worker.pid(), rig.emulator().pid());
		Run reusedRun = drive(publisher, tap, reused);
		long reusedCount = tap.count("result.reused") - reusedBefore;
		EmulatorCalls reusedCalls = EmulatorCalls.of(rig.emulator().summary());
		this.report.row("R. requests/s for a pair already open (" + count + ")",
				String.format(Locale.ROOT, "%.0f/s = %.1f × A; %d answered REUSED; %.2f Twilio calls each; CPU %s",
						reusedRun.rate(), reusedRun.rate() / a.rate(), reusedCount,
						(double) reusedCalls.total() / count, reusedCpu.perRequest(count)),
				"≥ 3 × A", reusedRun.rate() >= 3 * a.rate() && reusedCount == count);
		List<RequestPublisher.Request> invalid = IntStream.range(0, this.rRequests)
			.mapToObj((i) -> new RequestPublisher.Request("bench-r-invalid-" + i,
					"{\"requestId\":\"bench-r-invalid-" + i + "\",\"fromNumber\":\"" + FROM
							+ "\",\"toNumber\":\"not a number " + i + "\",\"toName\":\"Customer\"}"))
			.toList();
		long failedBefore = tap.count("result.failed");
		long deadLettersBefore = deadLetters(rig);
		CpuTime invalidCpu = CpuTime.start(worker.pid(), rig.emulator().pid());
		Run invalidRun = drive(publisher, tap, invalid);
		long failed = tap.count("result.failed") - failedBefore;
		long deadLettered = settledDeadLetters(rig, deadLettersBefore + this.rRequests) - deadLettersBefore;
		this.report.row("R. requests/s for invalid requests (" + this.rRequests + ")",
				String.format(Locale.ROOT, "%.0f/s = %.1f × A; %d failed results, %d dead letters; CPU %s",
						invalidRun.rate(), invalidRun.rate() / a.rate(), failed, deadLettered,
						invalidCpu.perRequest(this.rRequests)),
				"≥ 3 × A", invalidRun.rate() >= 3 * a.rate() && failed == this.rRequests);
	}

	/**
	 * S: a request waits on the broker; a worker starts; how long from the process's
	 * start to its start-up line (consuming), and to that request's result, on each
	 * runtime present, started from the jar ({@code java -jar}) and as the image starts
	 * it (laid out by {@code ops/start-cache}: extracted, with the runtime's archive of
	 * the classes a start loads).
	 */
	private void figureS(BenchmarkRig rig, RequestPublisher publisher, ResultTap tap) throws Exception {
		List<Path> runtimes = new ArrayList<>(List.of(javaHome()));
		if (Files.isExecutable(JAVA_25.resolve("bin").resolve("java"))) {
			runtimes.add(JAVA_25);
		}
		int customers = 8_000_000;
		for (Path runtime : runtimes) {
			String version = runtime.equals(javaHome()) ? Integer.toString(Runtime.version().feature()) : "25";
			Path cache = OUT.resolve("start-cache-" + version);
			startCache(runtime, cache);
			List<String> options = List.of("@" + cache.resolve("start.options"));
			startRounds(rig, publisher, tap, "Java " + version + ", java -jar",
					new BenchmarkRig.Launch(runtime, List.of(), JAR, false, ACCOUNT), version + "-jar", customers);
			startRounds(rig, publisher, tap, "Java " + version + ", as the image starts it (ops/start-cache)",
					new BenchmarkRig.Launch(runtime, options, cache.resolve(JAR.getFileName()), false, ACCOUNT),
					version + "-cache", customers + 10);
			customers += 20;
		}
	}

	private void startRounds(BenchmarkRig rig, RequestPublisher publisher, ResultTap tap, String label,
			BenchmarkRig.Launch launch, String name, int customers) throws Exception {
		List<String> rounds = new ArrayList<>();
		double worst = 0;
		for (int round = 0; round < 3; round++) {
			RequestPublisher.Request waiting = RequestPublisher.Request.of("bench-s-" + name + "-" + round, FROM,
					"+1415" + String.format("%07d", customers + round), false);
			publisher.publishOne(waiting, RequestPublisher.INTERACTIVE);
			long spawned = System.nanoTime();
			JavaProcess worker = rig.startWorker("worker-s-" + name + "-" + round, launch);
			long consuming = System.nanoTime();
			tap.awaitSettled(List.of(waiting), Duration.ofSeconds(60));
			long result = tap.arrival(waiting.id());
			worker.stop(40);
			double toResult = (result - spawned) / 1e9;
			worst = Math.max(worst, toResult);
			rounds.add(String.format(Locale.ROOT, "%.2f / %.2f s", (consuming - spawned) / 1e9, toResult));
		}
		this.report.row("S. start to consuming / to the first result, " + label, String.join("; ", rounds), "≤ 3 s",
				worst <= 3);
	}

	/** Lays the jar out as the image does, for a runtime. */
	private static void startCache(Path runtime, Path destination) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "ops/start-cache", JAR.toString(), destination.toString(),
				runtime.resolve("bin").resolve("java").toString())
			.redirectErrorStream(true)
			.redirectOutput(OUT.resolve("start-cache.log").toFile())
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("ops/start-cache failed: see " + OUT.resolve("start-cache.log"));
		}
	}

	private static BenchmarkRig.Launch defaults(Path javaHome, boolean embeddedStore) {
		return new BenchmarkRig.Launch(javaHome, List.of(), JAR, embeddedStore, ACCOUNT);
	}

	private static Path javaHome() {
		return Path.of(System.getProperty("java.home"));
	}

	/**
	 * The earlier concurrency figures, on flex-legacy with the settings they were taken
	 * with.
	 */
	private void concurrencyFigures(BenchmarkRig rig, RequestPublisher publisher, ResultTap tap) throws Exception {
		JavaProcess worker = rig.startWorker("worker-legacy", WORKER);
		WorkerTimers timers = WorkerTimers.of(worker);
		drive(publisher, tap, requests("warm-legacy", 7_300_000, this.warmUp, false));
		double c = 0;
		if (this.figures.contains("C")) {
			c = figureC(rig, worker, timers, publisher, tap);
		}
		worker.stop(40);
		if (this.figures.contains("F")) {
			figureF(rig, publisher, tap, c);
		}
		if (this.figures.contains("D")) {
			figureD(rig, publisher, tap);
		}
	}

	private void figureB(WorkerTimers timers, RequestPublisher publisher, ResultTap tap, double aRate)
			throws Exception {
		double rate = aRate / 2;
		int count = (int) Math.max(100, rate * this.bSeconds);
		List<RequestPublisher.Request> requests = requests("b", 3_000_000, count, false);
		WorkerTimers.Snapshot before = timers.read();
		publisher.publishPaced(requests, rate);
		tap.awaitSettled(requests, Duration.ofMinutes(5));
		String inside = timers.read().since(before);
		List<Long> latencies = new ArrayList<>();
		requests.forEach((request) -> latencies.add(tap.arrival(request.id()) - publisher.publishedAt(request.id())));
		latencies.sort(Long::compare);
		double p50 = latencies.get(latencies.size() / 2) / 1e6;
		double p99 = latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)) / 1e6;
		this.report.row(
				String.format(Locale.ROOT, "B. publish → result event latency at %.0f/s (%d requests)", rate, count),
				String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", p50, p99,
						latencies.get(latencies.size() - 1) / 1e6),
				"p99 ≤ 50 ms", p99 <= 50);
		this.report.row("Inside the worker during B", inside, "(where B's time goes)", null);
	}

	private double figureC(BenchmarkRig rig, JavaProcess worker, WorkerTimers timers, RequestPublisher publisher,
			ResultTap tap) throws Exception {
		rig.emulator().latency(100);
		rig.emulator().concurrencyCap(100);
		rig.emulator().clearRequests();
		long failedBefore = tap.count("result.failed");
		Run run;
		CpuTime cpu = CpuTime.start(worker.pid(), rig.emulator().pid());
		WorkerTimers.Snapshot before = timers.read();
		try (ResidentMemory memory = new ResidentMemory(worker.pid())) {
			run = drive(publisher, tap, requests("c", 4_000_000, this.cRequests, false));
			this.report.row("E. worker resident memory during C", memory.maxMb() + " MB", "≤ 350 MB",
					memory.maxMb() <= 350);
		}
		this.report.row("CPU during C", cpu.perRequest(this.cRequests), "(where C's time goes)", null);
		this.report.row("Inside the worker during C", timers.read().since(before), "(where C's time goes)", null);
		EmulatorCalls calls = EmulatorCalls.of(rig.emulator().summary());
		long failed = tap.count("result.failed") - failedBefore;
		// a new outreach makes three calls: the channel, its read-back, the session
		double ceiling = 100 / (3 * 0.1);
		boolean met = run.rate() >= 0.9 * ceiling && calls.tooMany() <= 0.01 * calls.total() && failed == 0;
		this.report.row("C. requests/s, emulator 100 ms per call, cap 100 (" + this.cRequests + " requests)",
				String.format(Locale.ROOT,
						"%.0f/s = %.2f × ceiling %.0f/s; %d calls, %d answered 429 (%.2f %%);" + " %d failed",
						run.rate(), run.rate() / ceiling, ceiling, calls.total(), calls.tooMany(),
						100.0 * calls.tooMany() / Math.max(1, calls.total()), failed),
				"≥ 0.9 × ceiling, 429s ≤ 1 %, none failed", met);
		return run.rate();
	}

	private void figureF(BenchmarkRig rig, RequestPublisher publisher, ResultTap tap, double cRate) throws Exception {
		List<RequestPublisher.Request> backlog = requests("f", 5_000_000, this.fRequests, false);
		long deadLettersBefore = deadLetters(rig);
		publisher.publishAll(backlog);
		rig.emulator().clearRequests();
		AtomicLong peakUnacked = new AtomicLong();
		Thread watch = new Thread(() -> watchUnacked(rig.broker(), peakUnacked), "unacked-watch");
		long start = System.nanoTime();
		rig.startWorker("worker-2", WORKER);
		watch.setDaemon(true);
		watch.start();
		tap.awaitSettled(backlog, Duration.ofSeconds(120 + this.fRequests / 50));
		long end = backlog.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElse(start);
		long first = backlog.stream().mapToLong((request) -> tap.arrival(request.id())).min().orElse(start);
		watch.interrupt();
		EmulatorCalls calls = EmulatorCalls.of(rig.emulator().summary());
		long deadLetters = deadLetters(rig) - deadLettersBefore;
		double drainSeconds = (end - start) / 1e9;
		double rate = this.fRequests / ((end - first) / 1e9);
		this.report.row("F. " + this.fRequests + "-request backlog",
				String.format(Locale.ROOT,
						"drained in %.0f s from worker start (%.0f/s from first to last result = %.2f × C);"
								+ " peak unacked %d; %d calls answered 429; DLQ %d",
						drainSeconds, rate, rate / cRate, peakUnacked.get(), calls.tooMany(), deadLetters),
				"drains at C's rate, DLQ empty", rate >= 0.9 * cRate && deadLetters == 0);
	}

	private void figureD(BenchmarkRig rig, RequestPublisher publisher, ResultTap tap) throws Exception {
		rig.emulator().resetFaults();
		List<String> flows = rig.emulator().seed(this.dFlows, "+1917555", this.dSessions, "+121255");
		// the first requests make the worker read the flows again (unknown numbers)
		drive(publisher, tap, requests("d-warm", 6_000_000, 50, false, flows));
		rig.emulator().clearRequests();
		drive(publisher, tap, requests("d-plain", 6_100_000, this.dRequests, false, flows));
		double plain = (double) EmulatorCalls.of(rig.emulator().summary()).total() / this.dRequests;
		rig.emulator().clearRequests();
		drive(publisher, tap, requests("d-message", 6_200_000, this.dRequests, true, flows));
		double withMessage = (double) EmulatorCalls.of(rig.emulator().summary()).total() / this.dRequests;
		long lists = 1 + ceilDiv(this.dFlows, 50) + ceilDiv(this.dSessions, 50);
		this.report.row("D. Twilio calls per request, " + this.dSessions + " open sessions, " + this.dFlows + " flows",
				String.format(Locale.ROOT, "%.2f (%.2f with a first message); the original Function: %d (%d)", plain,
						withMessage, lists + 2, lists + 3),
				// exactly: fewer means requests that never
				// reached Twilio (failed), not a win
				"3 (4)", plain == 3.0 && withMessage == 4.0);
	}

	private Run drive(RequestPublisher publisher, ResultTap tap, List<RequestPublisher.Request> requests)
			throws Exception {
		long start = System.nanoTime();
		publisher.publishAll(requests);
		tap.awaitSettled(requests, Duration.ofSeconds(120 + requests.size() / 20));
		long end = requests.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElse(start);
		return new Run(requests.size(), (end - start) / 1e9);
	}

	/**
	 * The dead-letter queue's depth once it reached the expected count, or what it showed
	 * after a while: the broker's queue figures lag the confirms by a few seconds.
	 */
	private static long settledDeadLetters(BenchmarkRig rig, long expected) {
		try {
			await("the dead-letter queue's depth").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> deadLetters(rig) >= expected);
		}
		catch (ConditionTimeoutException notYet) {
			// reported as seen: fewer than expected is a finding, not a failure here
		}
		return deadLetters(rig);
	}

	private static long deadLetters(BenchmarkRig rig) {
		BrokerControl.Depth dlq = rig.broker().depths().get("outbound-sms.requests.dlq");
		return (dlq != null) ? dlq.messages() : 0;
	}

	private static void watchUnacked(BrokerControl broker, AtomicLong peak) {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				BrokerControl.Depth depth = broker.depths().get("outbound-sms.requests");
				if (depth != null) {
					peak.accumulateAndGet(depth.unacked(), Math::max);
				}
			}
			catch (IllegalStateException ex) {
				if (Thread.currentThread().isInterrupted()) {
					// F is over: the watch was stopped in the middle of a look
					return;
				}
				throw ex;
			}
			LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
		}
	}

	private static List<RequestPublisher.Request> requests(String kind, int offset, int count, boolean message) {
		return requests(kind, offset, count, message, List.of(FROM));
	}

	private static List<RequestPublisher.Request> requests(String kind, int offset, int count, boolean message,
			List<String> from) {
		return RequestPublisher.Request.series(kind, offset, count, message, from);
	}

	private static long ceilDiv(long a, long b) {
		return (a + b - 1) / b;
	}

	/**
	 * What a backlog of requests cost.
	 *
	 * @param rate requests settled per second
	 * @param cpu CPU per request of each process, and how busy the machine was
	 * @param workerMs the worker's CPU per request
	 * @param othersMs the broker's, the database's and the emulator's together
	 * @param rssMb the worker's largest resident memory
	 */
	private record Cost(double rate, String cpu, double workerMs, double othersMs, long rssMb) {

	}

	/** Requests settled in a time. */
	private record Run(int requests, double seconds) {

		double rate() {
			return this.requests / this.seconds;
		}

	}

}
