package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The faults the emulated API injects, switchable while it runs: scripted N-shot
 * failures, dropped connections and lost answers, standing failure rates (seeded for
 * repeatability), added latency, a concurrency cap and per-endpoint rates answered with
 * 429/20429, and a bad-credentials mode. Rules match a method ({@code null} or {@code *}
 * for any) and a regular expression over the whole raw path; the first matching scripted
 * rule wins over standing rules. Thread-safe.
 */
public final class FaultPlan {

	private static final long DEFAULT_SEED = 42L;

	private final List<FaultRule> scripted = new ArrayList<>();

	private final List<FaultRule> standing = new ArrayList<>();

	private final List<FaultRule> latencies = new ArrayList<>();

	private final List<RateRule> rates = new ArrayList<>();

	private final LongSupplier nanoTime;

	private RandomGenerator random = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom")
		.create(DEFAULT_SEED);

	private boolean badCredentials;

	private int concurrencyCap;

	private int inFlight;

	private long rateLimited;

	/**
	 * A plan on the system's monotonic clock.
	 */
	public FaultPlan() {
		this(System::nanoTime);
	}

	FaultPlan(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Answers the next {@code times} matching requests with this error instead of
	 * handling them.
	 */
	public synchronized FaultPlan failNext(@Nullable String method, String pathRegex, int httpStatus, int twilioCode,
			String message, int times) {
		this.scripted.add(new FaultRule(method, Pattern.compile(pathRegex), FaultDecision.Action.FAIL, httpStatus,
				twilioCode, message, times, 1.0, Duration.ZERO));
		return this;
	}

	public FaultPlan failNext(@Nullable String method, String pathRegex, int httpStatus, int twilioCode,
			String message) {
		return failNext(method, pathRegex, httpStatus, twilioCode, message, 1);
	}

	/**
	 * Closes the connection of the next {@code times} matching requests without
	 * answering.
	 */
	public synchronized FaultPlan dropNext(@Nullable String method, String pathRegex, int times) {
		this.scripted.add(new FaultRule(method, Pattern.compile(pathRegex), FaultDecision.Action.DROP, 0, 0, "", times,
				1.0, Duration.ZERO));
		return this;
	}

	/**
	 * Handles the next {@code times} matching requests, then closes their connections
	 * without answering: what they change is changed, and the caller cannot tell.
	 */
	public synchronized FaultPlan loseAnswerNext(@Nullable String method, String pathRegex, int times) {
		this.scripted.add(new FaultRule(method, Pattern.compile(pathRegex), FaultDecision.Action.LOSE_ANSWER, 0, 0, "",
				times, 1.0, Duration.ZERO));
		return this;
	}

	/**
	 * Answers each matching request with this error with the given probability, until
	 * reset.
	 */
	public synchronized FaultPlan failRandomly(@Nullable String method, String pathRegex, double probability,
			int httpStatus, int twilioCode, String message) {
		this.standing.add(new FaultRule(method, Pattern.compile(pathRegex), FaultDecision.Action.FAIL, httpStatus,
				twilioCode, message, Integer.MAX_VALUE, probability, Duration.ZERO));
		return this;
	}

	/**
	 * Adds latency to every matching request (rules add up), e.g. to provoke client
	 * timeouts.
	 */
	public synchronized FaultPlan latency(@Nullable String method, String pathRegex, Duration delay) {
		this.latencies.add(new FaultRule(method, Pattern.compile(pathRegex), FaultDecision.Action.PROCEED, 0, 0, "",
				Integer.MAX_VALUE, 1.0, delay));
		return this;
	}

	public FaultPlan latency(Duration delay) {
		return latency(null, ".*", delay);
	}

	/**
	 * Answers every request 401/20003, as Twilio does for a revoked token.
	 */
	public synchronized FaultPlan badCredentials(boolean enabled) {
		this.badCredentials = enabled;
		return this;
	}

	/**
	 * Answers 429/20429 when more than {@code maxConcurrent} requests are being handled;
	 * 0 = no cap.
	 */
	public synchronized FaultPlan concurrencyCap(int maxConcurrent) {
		this.concurrencyCap = maxConcurrent;
		return this;
	}

	/**
	 * Answers 429/20429, as Twilio does, to matching requests beyond {@code perSecond} (a
	 * bucket of one second's worth, refilled continuously), until reset.
	 */
	public synchronized FaultPlan rateLimit(@Nullable String method, String pathRegex, double perSecond) {
		this.rates.add(new RateRule(method, Pattern.compile(pathRegex), perSecond, this.nanoTime.getAsLong()));
		return this;
	}

	/**
	 * Enforces the per-endpoint rates Twilio documents for the creates the worker makes:
	 * Interactions 20/s, Flex channels 10/s, the Flex Flow list 10/s, Proxy sessions 30/s
	 * per service, conversation creates 30/s (one Conversations service here).
	 */
	public FaultPlan documentedRates() {
		return rateLimit("POST", "/flex-api/v1/Interactions", 20).rateLimit("POST", "/flex-api/v1/Channels", 10)
			.rateLimit("POST", "/conversations/v1/Conversations", 30)
			.rateLimit("GET", "/flex-api/v1/FlexFlows", 10)
			.rateLimit("POST", "/proxy/v1/Services/[^/]+/Sessions", 30);
	}

	/**
	 * How many requests the rates refused since the plan began.
	 */
	public synchronized long rateLimited() {
		return this.rateLimited;
	}

	/**
	 * Seeds the generator behind failure rates so runs repeat.
	 */
	public synchronized FaultPlan seed(long seed) {
		this.random = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
		return this;
	}

	/**
	 * Clears every fault (in-flight accounting is kept).
	 */
	public synchronized void reset() {
		this.scripted.clear();
		this.standing.clear();
		this.latencies.clear();
		this.badCredentials = false;
		this.concurrencyCap = 0;
		this.rates.clear();
		seed(DEFAULT_SEED);
	}

	synchronized boolean badCredentials() {
		return this.badCredentials;
	}

	/**
	 * Decides the fate of one request and, when it proceeds, counts it in flight until
	 * {@link #release()}.
	 */
	synchronized FaultDecision decide(String method, String path) {
		Duration delay = Duration.ZERO;
		for (FaultRule rule : this.latencies) {
			if (rule.matches(method, path)) {
				delay = delay.plus(rule.delay());
			}
		}
		for (Iterator<FaultRule> rules = this.scripted.iterator(); rules.hasNext();) {
			FaultRule rule = rules.next();
			if (rule.matches(method, path)) {
				if (rule.consume()) {
					rules.remove();
				}
				return rule.decision(delay);
			}
		}
		for (FaultRule rule : this.standing) {
			if (rule.matches(method, path) && this.random.nextDouble() < rule.probability()) {
				return rule.decision(delay);
			}
		}
		long now = this.nanoTime.getAsLong();
		for (RateRule rate : this.rates) {
			if (rate.matches(method, path) && !rate.take(now)) {
				this.rateLimited++;
				return FaultDecision.fail(delay, 429, 20429, "Too Many Requests");
			}
		}
		if (this.concurrencyCap > 0 && this.inFlight >= this.concurrencyCap) {
			return FaultDecision.fail(delay, 429, 20429, "Too many requests");
		}
		this.inFlight++;
		return FaultDecision.proceed(delay);
	}

	synchronized void release() {
		this.inFlight--;
	}

}
