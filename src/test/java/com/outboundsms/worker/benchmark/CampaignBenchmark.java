package com.outboundsms.worker.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.outboundsms.worker.faults.BrokerControl;
import com.outboundsms.worker.faults.JavaProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The campaign benchmark: bulk campaigns on the flex-conversations backend against an
 * emulator that answers 429 beyond Twilio's documented rates (interaction creates 20/s),
 * with interactive requests published meanwhile, then with three worker instances sharing
 * the store, and a small campaign queued behind a large one. Workers run from the jar at
 * the defaults a user gets, but for the bulk lane's send window, which is the subject of
 * figure J: a campaign published while the window is closed in its customers' time (the
 * window set, for the run, to close at the minute the run starts and to open a few
 * minutes later), held in the store, then released. Prints figures G, H, I and J and
 * writes {@code target/benchmark/campaigns/report.md}; fails only if requests are not all
 * settled. Run with {@code mvn -B -Pbenchmark verify -Dit.test=CampaignBenchmark}; sizes
 * by {@code -Dbenchmark.*} properties, and one figure alone by
 * {@code -Dbenchmark.figures=I}.
 */
class CampaignBenchmark {

	private static final Path JAR = Path.of("target", "outbound-sms-worker.jar");

	private static final Path OUT = Path.of("target", "benchmark", "campaigns");

	private static final String FROM = "+16465550101";

	/** Where the campaigns' customers are: their numbers are San Francisco's (+1415). */
	private static final ZoneId CUSTOMERS_ZONE = ZoneId.of("America/Los_Angeles");

	/** Twilio's documented rate of {@code POST flex-api/v1/Interactions}, per account. */
	private static final double RATE = 20;

	/**
	 * Twilio's documented rate of {@code POST conversations/v1/Conversations}, per
	 * Conversations service: what bounds a campaign of reminders (figure J).
	 */
	private static final double NOTIFY_RATE = 30;

	private static final List<String> WORKER = List.of("--outbound-sms.backend=flex-conversations",
			"--twilio.workspace-sid=WS0123456789abcdef0123456789abcdef",
			"--twilio.workflow-sid=WW0123456789abcdef0123456789abcdef",
			"--twilio.studio-flow-sid=FW0123456789abcdef0123456789abcdef");

	private final int gRequests = Integer.getInteger("benchmark.g.requests", 20_000);

	private final int gAloneRequests = Integer.getInteger("benchmark.g.alone-requests", 5_000);

	private final int hRequests = Integer.getInteger("benchmark.h.requests", 20_000);

	private final int iRequests = Integer.getInteger("benchmark.i.requests", 20_000);

	private final int iSmallRequests = Integer.getInteger("benchmark.i.small-requests", 500);

	private final int jRequests = Integer.getInteger("benchmark.j.requests", 20_000);

	/** How long after the run starts the bulk lane's window opens, for figure J. */
	private final int jClosedMinutes = Integer.getInteger("benchmark.j.closed-minutes", 4);

	/** Which figures to run, for a run of one of them: G, H, I and J by default. */
	private final String figures = System.getProperty("benchmark.figures", "G,H,I,J");

	private final double interactivePerSecond = Double
		.parseDouble(System.getProperty("benchmark.g.interactive-per-second", "2"));

	private final BenchmarkReport report = new BenchmarkReport("Campaign benchmark");

	@Test
	void figures() throws Exception {
		// J's window is closed from this minute for a few minutes, then open until this
		// minute tomorrow, so the other figures run in it; without J, no window
		ZonedDateTime customersNow = ZonedDateTime.now(CUSTOMERS_ZONE).truncatedTo(ChronoUnit.MINUTES);
		ZonedDateTime opens = customersNow.plusMinutes(this.jClosedMinutes);
		String window = this.figures.contains("J") ? opens.toLocalTime() + "-" + customersNow.toLocalTime() : "";
		List<String> settings = new ArrayList<>(WORKER);
		settings.add("--outbound-sms.send-window.bulk=" + window);
		try (BenchmarkRig rig = new BenchmarkRig(JAR, OUT, List.of(FROM))) {
			rig.emulator().documentedRates();
			JavaProcess first = rig.startWorker("campaign-worker-1", settings);
			try (ResultTap tap = new ResultTap(rig.connection());
					RequestPublisher bulk = new RequestPublisher(rig.connection());
					RequestPublisher interactive = new RequestPublisher(rig.connection())) {
				List<RequestPublisher.Request> warm = series("warm", 8_000_000, 50);
				interactive.publishAll(warm);
				tap.awaitSettled(warm, Duration.ofMinutes(2));
				if (this.figures.contains("J")) {
					figureJ(rig, tap, bulk, WorkerTimers.of(first), opens.toInstant());
				}
				if (this.figures.contains("I")) {
					figureI(rig, tap, bulk);
				}
				if (this.figures.contains("G") || this.figures.contains("H")) {
					Campaign alone = campaign(rig, tap, bulk, series("g-alone", 8_100_000, this.gAloneRequests));
					this.report.row("G. bulk campaign alone, 1 instance (" + this.gAloneRequests + " requests)",
							alone.describe(), "≥ 0.95 × " + (int) RATE + "/s, 429s ≤ 1 %", alone.meets(0.95));
					if (this.figures.contains("G")) {
						figureG(rig, tap, bulk, interactive);
					}
					if (this.figures.contains("H")) {
						this.report.row("H. 1 instance (G alone)", alone.describe(), "≥ 0.9 × rate, 429s ≤ 1 %",
								alone.meets(0.9));
						rig.startWorker("campaign-worker-2", settings);
						rig.startWorker("campaign-worker-3", settings);
						Campaign three = campaign(rig, tap, bulk, series("h", 8_400_000, this.hRequests));
						this.report.row("H. 3 instances sharing PostgreSQL, no per-instance settings (" + this.hRequests
								+ " requests)", three.describe(), "≥ 0.9 × rate, 429s ≤ 1 %", three.meets(0.9));
					}
				}
			}
		}
		finally {
			this.report.note("flex-conversations; the emulator answers at once and 429 beyond the documented rates"
					+ " (interactions 20/s, conversation creates 30/s); workers at the defaults, JVM "
					+ String.join(" ", BenchmarkRig.WORKER_JVM) + "; store on PostgreSQL; "
					+ Runtime.getRuntime().availableProcessors()
					+ " cores shared by broker, database, emulator, workers and this driver");
			System.out.println(this.report.markdown());
			this.report.write(OUT.resolve("report.md"));
		}
	}

	private void figureG(BenchmarkRig rig, ResultTap tap, RequestPublisher bulk, RequestPublisher interactive)
			throws Exception {
		List<RequestPublisher.Request> campaign = series("g", 8_200_000, this.gRequests);
		List<RequestPublisher.Request> clicked = new ArrayList<>();
		CompletableFuture<Campaign> running = CompletableFuture.supplyAsync(() -> {
			try {
				return campaign(rig, tap, bulk, campaign);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		long interval = (long) (1e9 / this.interactivePerSecond);
		long next = System.nanoTime() + interval;
		// clicks go on while the campaign runs, so that every one of them waits behind it
		while (!running.isDone()) {
			LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
			next += interval;
			RequestPublisher.Request request = RequestPublisher.Request.of("bench-click-" + clicked.size(), FROM,
					"+1212" + String.format("%07d", 5_000_000 + clicked.size()), false);
			interactive.publishOne(request, RequestPublisher.INTERACTIVE);
			clicked.add(request);
		}
		Campaign withClicks = running.join();
		tap.awaitSettled(clicked, Duration.ofMinutes(2));
		List<Long> latencies = clicked.stream()
			.map((request) -> tap.arrival(request.id()) - interactive.publishedAt(request.id()))
			.sorted()
			.toList();
		double p50 = latencies.get(latencies.size() / 2) / 1e6;
		double p99 = latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)) / 1e6;
		this.report.row(
				String.format(Locale.ROOT, "G. interactive at %.0f/s during a %d-request campaign",
						this.interactivePerSecond, this.gRequests),
				String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d requests)", p50, p99,
						latencies.get(latencies.size() - 1) / 1e6, latencies.size()),
				"p99 ≤ 1 s", p99 <= 1000);
		this.report.row("G. bulk rate while interactive traffic runs", withClicks.describe(),
				"≥ 0.75 × " + (int) RATE + "/s, 429s ≤ 1 %", withClicks.meets(0.75));
	}

	/**
	 * A large campaign, then a small one queued right behind it: how long the small one
	 * takes, against the time it would take alone at half the rate.
	 */
	private void figureI(BenchmarkRig rig, ResultTap tap, RequestPublisher bulk) throws Exception {
		List<RequestPublisher.Request> large = campaignSeries("i-large", 8_500_000, this.iRequests);
		List<RequestPublisher.Request> small = campaignSeries("i-small", 8_600_000, this.iSmallRequests);
		rig.emulator().clearRequests();
		long start = System.nanoTime();
		bulk.publishAll(large, RequestPublisher.BULK);
		long smallStart = System.nanoTime();
		bulk.publishAll(small, RequestPublisher.BULK);
		tap.awaitSettled(small, Duration.ofSeconds(300 + (long) (this.iRequests / RATE * 2)));
		double smallSeconds = (small.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElseThrow()
				- smallStart) / 1e9;
		int largeSettledMeanwhile = (int) large.stream().filter((request) -> tap.arrival(request.id()) != null).count();
		tap.awaitSettled(large, Duration.ofSeconds(300 + (long) (this.iRequests / RATE * 2)));
		double largeSeconds = (large.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElseThrow()
				- start) / 1e9;
		long failed = java.util.stream.Stream.concat(large.stream(), small.stream())
			.filter((request) -> !tap.succeeded(request.id()))
			.count();
		EmulatorCalls calls = EmulatorCalls.of(rig.emulator().summary());
		double aloneAtHalfRate = this.iSmallRequests / (RATE / 2);
		this.report.row(
				String.format(Locale.ROOT, "I. %d requests queued behind a %d-request campaign", this.iSmallRequests,
						this.iRequests),
				String.format(Locale.ROOT,
						"the %d settled in %.0f s = %.2f × their time alone at half the rate (%.0f s), %d of the"
								+ " large campaign's settled meanwhile; the large one in %.0f s (%.1f/s); %d calls, %d"
								+ " answered 429 (%.2f %%); %d failed",
						this.iSmallRequests, smallSeconds, smallSeconds / aloneAtHalfRate, aloneAtHalfRate,
						largeSettledMeanwhile, largeSeconds, this.iRequests / largeSeconds, calls.total(),
						calls.tooMany(), calls.tooManyPercent(), failed),
				"≤ 2.5 × alone at half the rate", smallSeconds <= 2.5 * aloneAtHalfRate && failed == 0);
	}

	/**
	 * A campaign published while the bulk lane's window is closed in its customers' time:
	 * how fast it is held, what it costs the broker while it waits, and how fast it goes
	 * once the window opens.
	 */
	private void figureJ(BenchmarkRig rig, ResultTap tap, RequestPublisher bulk, WorkerTimers worker, Instant opens)
			throws Exception {
		// reminders: notify requests, a conversation each and no task
		List<RequestPublisher.Request> campaign = reminderSeries("j", 8_700_000, this.jRequests);
		rig.emulator().clearRequests();
		BrokerOperations before = BrokerOperations.of(worker);
		long start = System.nanoTime();
		bulk.publishAll(campaign, RequestPublisher.BULK);
		await("the campaign held").atMost(Duration.between(Instant.now(), opens))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> rig.count("held_request", "TRUE") >= this.jRequests);
		double holdSeconds = (System.nanoTime() - start) / 1e9;
		long rows = rig.count("held_request", "TRUE");
		BrokerOperations held = BrokerOperations.of(worker);
		// the broker's queue statistics lag a few seconds behind: read them once they had
		// time to catch up, and report what they say then
		try {
			await("the broker's statistics").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> rig.broker()
					.depths()
					.values()
					.stream()
					.allMatch((depth) -> depth.messages() == 0 && depth.unacked() == 0));
		}
		catch (ConditionTimeoutException stillThere) {
			// reported as read below
		}
		Map<String, BrokerControl.Depth> heldDepths = rig.broker().depths();
		double waitSeconds = Math.max(0, Duration.between(Instant.now(), opens).toMillis() / 1000.0 - 1);
		// the night: nothing for the broker to do until a second before the window opens
		Instant lastLook = opens.minusSeconds(1);
		await("the window about to open").atMost(Duration.ofSeconds((long) waitSeconds + 10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !Instant.now().isBefore(lastLook));
		BrokerOperations waited = BrokerOperations.of(worker);
		tap.awaitSettled(campaign, Duration.ofSeconds(300 + (long) (this.jRequests / NOTIFY_RATE * 2)));
		long released = campaign.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElseThrow();
		double drainSeconds = (released - start) / 1e9 - holdSeconds - waitSeconds;
		BrokerOperations after = BrokerOperations.of(worker);
		long failed = campaign.stream().filter((request) -> !tap.succeeded(request.id())).count();
		EmulatorCalls calls = EmulatorCalls.of(rig.emulator().summary());
		long ready = heldDepths.values().stream().mapToLong(BrokerControl.Depth::messages).sum();
		long unacked = heldDepths.values().stream().mapToLong(BrokerControl.Depth::unacked).sum();
		this.report.row(
				String.format(Locale.ROOT, "J. a %d-request campaign published while the window is closed",
						this.jRequests),
				String.format(Locale.ROOT,
						"held in %.1f s (%.0f/s), %d rows in the store, %d ready and %d unacked on the broker; the"
								+ " worker's broker operations per request until then: %s",
						holdSeconds, this.jRequests / holdSeconds, rows, ready, unacked,
						held.since(before, this.jRequests)),
				"held, not sent; nothing on the broker", rows == this.jRequests && ready == 0 && unacked == 0);
		this.report.row(String.format(Locale.ROOT, "J. while held (%.0f s)", waitSeconds),
				"the worker's broker operations: " + waited.since(held, 1) + " in all", "none",
				waited.since(held, 1).equals(BrokerOperations.NONE));
		this.report.row("J. once the window opens",
				String.format(Locale.ROOT,
						"settled in %.0f s from the opening (%.1f/s = %.2f × rate); the worker's broker operations per"
								+ " request: %s; %d calls, %d answered 429; %d failed",
						drainSeconds, this.jRequests / drainSeconds, this.jRequests / drainSeconds / NOTIFY_RATE,
						after.since(waited, this.jRequests), calls.total(), calls.tooMany(), failed),
				"≥ 0.9 × rate, none failed", this.jRequests / drainSeconds >= 0.9 * NOTIFY_RATE && failed == 0);
	}

	private static List<RequestPublisher.Request> reminderSeries(String kind, int offset, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> RequestPublisher.Request.reminder("bench-" + kind + "-" + i, FROM,
					"+1415" + String.format("%07d", offset + i), "bench-" + kind))
			.toList();
	}

	private static List<RequestPublisher.Request> campaignSeries(String kind, int offset, int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> RequestPublisher.Request.of("bench-" + kind + "-" + i, FROM,
					"+1415" + String.format("%07d", offset + i), false, "bench-" + kind))
			.toList();
	}

	/**
	 * Publishes a campaign to the bulk lane and waits until every request has its result.
	 */
	private static Campaign campaign(BenchmarkRig rig, ResultTap tap, RequestPublisher bulk,
			List<RequestPublisher.Request> requests) throws Exception {
		rig.emulator().clearRequests();
		long start = System.nanoTime();
		bulk.publishAll(requests, RequestPublisher.BULK);
		tap.awaitSettled(requests, Duration.ofSeconds(300 + (long) (requests.size() / RATE * 2)));
		long end = requests.stream().mapToLong((request) -> tap.arrival(request.id())).max().orElse(start);
		long failed = requests.stream().filter((request) -> !tap.succeeded(request.id())).count();
		return new Campaign(requests.size(), (end - start) / 1e9, EmulatorCalls.of(rig.emulator().summary()), failed);
	}

	private static List<RequestPublisher.Request> series(String kind, int offset, int count) {
		return RequestPublisher.Request.series(kind, offset, count, false, List.of(FROM));
	}

	/**
	 * What the worker's broker client counted (Spring Boot's {@code rabbitmq_*} meters):
	 * messages it published (forwards to fair shares, releases, result events) and
	 * deliveries it consumed. The producer's own publishes are not in it.
	 */
	private record BrokerOperations(double published, double consumed) {

		static final String NONE = "0.00 published, 0.00 consumed";

		static BrokerOperations of(WorkerTimers worker) throws Exception {
			return new BrokerOperations(worker.sum("rabbitmq_published_total"), worker.sum("rabbitmq_consumed_total"));
		}

		String since(BrokerOperations before, int requests) {
			return String.format(Locale.ROOT, "%.2f published, %.2f consumed",
					(this.published - before.published) / requests, (this.consumed - before.consumed) / requests);
		}

	}

	/** A campaign's run: how fast it settled, and what Twilio said. */
	private record Campaign(int requests, double seconds, EmulatorCalls calls, long failed) {

		double rate() {
			return this.requests / this.seconds;
		}

		boolean meets(double shareOfRate) {
			return rate() >= shareOfRate * RATE && this.calls.tooManyPercent() <= 1 && this.failed == 0;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"%.1f/s = %.2f × rate in %.0f s; %d calls, %d answered 429 (%.2f %%); %d failed", rate(),
					rate() / RATE, this.seconds, this.calls.total(), this.calls.tooMany(), this.calls.tooManyPercent(),
					this.failed);
		}

	}

}
