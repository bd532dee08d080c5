package com.outboundsms.worker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.outboundsms.worker.faults.BrokerControl;
import com.outboundsms.worker.faults.JavaProcess;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark: the worker from the jar against the local RabbitMQ and
 * PostgreSQL, the emulator in its own process, RabbitMQ's PerfTest on the same broker;
 * prints a table of figures A to F and writes {@code target/benchmark/report.md}. Not a
 * timed test: it fails only if requests are not all settled. Run with
 * {@code mvn -B -Pbenchmark verify}; sizes by {@code -Dbenchmark.*} properties.
 */
class ThroughputBenchmark {

	private static final Path JAR = Path.of("target", "outbound-sms-worker.jar");

	private static final Path OUT = Path.of("target", "benchmark");

	private static final String FROM = "+16465550101";

	/**
	 * Per-endpoint rates off: the emulator enforces none, and they would cap at 10/s. The
	 * flows D seeds are read on the first miss, not up to 10 s later (D's steady state
	 * has no misses, so its count is the same).
	 */
	private static final List<String> WORKER = worker("--twilio.limits.max=100",
			"--twilio.limits.rate-limits-enabled=false", "--twilio.flow-miss-refresh=0s");

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

	private final int warmUp = Integer.getInteger("benchmark.warm-up", 1_000);

	private final int aRequests = Integer.getInteger("benchmark.a.requests", 20_000);

	private final int bSeconds = Integer.getInteger("benchmark.b.seconds", 20);

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
			JavaProcess worker = rig.startWorker("worker-1", WORKER);
			// the port is read from the worker's log once
			WorkerTimers timers = WorkerTimers.of(worker);
			try (ResultTap tap = new ResultTap(rig.connection());
					RequestPublisher publisher = new RequestPublisher(rig.connection())) {
				drive(publisher, tap, requests("warm", 7_000_000, this.warmUp, false));
				double a = figureA(rig, worker, publisher, tap);
				figureB(timers, publisher, tap, a);
				double c = figureC(rig, worker, timers, publisher, tap);
				worker.stop(40);
				figureF(rig, publisher, tap, c);
				figureD(rig, publisher, tap);
			}
		}
		finally {
			this.report.note("sizes: A " + this.aRequests + " requests, B " + this.bSeconds + " s, C " + this.cRequests
					+ " requests, D " + this.dFlows + " flows / " + this.dSessions + " sessions / " + this.dRequests
					+ " requests per kind, F " + this.fRequests + " requests, PerfTest " + this.perfTestSeconds + " s");
			this.report.note("one worker, JVM " + String.join(" ", BenchmarkRig.WORKER_JVM) + ", settings "
					+ String.join(" ", WORKER) + "; store on PostgreSQL; " + Runtime.getRuntime().availableProcessors()
					+ " cores shared by broker, database, emulator, worker and this driver");
			System.out.println(this.report.markdown());
			this.report.write(OUT.resolve("report.md"));
		}
		if (Boolean.getBoolean("benchmark.profile")) {
			// the worker of A, B and C; written when it stopped
			String profile = WorkerProfile.summary(OUT.resolve("worker-1.jfr"), 15);
			System.out.println(profile);
			Files.writeString(OUT.resolve("report.md"), profile, StandardOpenOption.APPEND);
		}
	}

	private double figureA(BenchmarkRig rig, JavaProcess worker, RequestPublisher publisher, ResultTap tap)
			throws Exception {
		Run run;
		CpuTime cpu = CpuTime.start(worker.pid(), rig.emulator().pid());
		try (ResidentMemory memory = new ResidentMemory(worker.pid())) {
			run = drive(publisher, tap, requests("a", 2_000_000, this.aRequests, false));
			this.report.row("E. worker resident memory during A", memory.maxMb() + " MB", "≤ 350 MB",
					memory.maxMb() <= 350);
		}
		this.report.row("CPU during A", cpu.perRequest(this.aRequests), "(where A's time goes)", null);
		int size = requests("a", 2_000_000, 1, false).get(0).body().length();
		PerfTestRun.Rates perfTest = PerfTestRun.run(rig.amqpUri(), size, this.perfTestSeconds, 100,
				OUT.resolve("perf-test.log"));
		double ratio = run.rate() / perfTest.receiving();
		this.report.row("A. requests/s end to end, emulator at once (" + this.aRequests + " distinct pairs)",
				String.format(Locale.ROOT,
						"worker %.0f/s; PerfTest %d/s (sent %d/s, %d-byte persistent, confirms);" + " ratio %.2f",
						run.rate(), perfTest.receiving(), perfTest.sending(), size, ratio),
				"ratio ≥ 0.25", ratio >= 0.25);
		return run.rate();
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

	/** Requests settled in a time. */
	private record Run(int requests, double seconds) {

		double rate() {
			return this.requests / this.seconds;
		}

	}

}
