package com.outboundsms.worker.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.WorkQueue;
import com.outboundsms.worker.processing.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The worker's meters on Micrometer. Every tag value is bounded (outcomes, error codes,
 * endpoint templates, status classes, dependencies, queue roles): never a number, an id
 * or a SID. The backlog and pause meters exist from the start, so that dashboards and
 * alerts see them before anything happened.
 */
class MicrometerWorkerMetrics implements WorkerMetrics {

	static final String REQUESTS = "outbound.sms.requests";

	static final String PROCESSING = "outbound.sms.processing";

	static final String RETRIES = "outbound.sms.retries";

	static final String CAMPAIGN_HELD = "outbound.sms.campaign.held";

	static final String CAMPAIGNS_PAUSED = "outbound.sms.campaigns.paused";

	static final String REQUESTS_HELD = "outbound.sms.requests.held";

	static final String CAMPAIGN_COUNTS_LOST = "outbound.sms.campaign.counts.lost";

	static final String DEAD_LETTERS = "outbound.sms.deadletters";

	static final String TWILIO_CALLS = "outbound.sms.twilio.calls";

	static final String STORE = "outbound.sms.store";

	static final String REQUEST_AGE = "outbound.sms.request.age";

	static final String CONSUMPTION_PAUSED = "outbound.sms.consumption.paused";

	static final String QUEUE_MESSAGES = "outbound.sms.queue.messages";

	static final String TWILIO_CONCURRENCY_LIMIT = "outbound.sms.twilio.concurrency.limit";

	static final String TWILIO_INFLIGHT = "outbound.sms.twilio.inflight";

	static final String TWILIO_REFUSED = "outbound.sms.twilio.refused";

	static final String TWILIO_HELD_BACK = "outbound.sms.twilio.held.back";

	static final String RETENTION_DELETED = "outbound.sms.retention.deleted";

	static final String RETENTION_RUN = "outbound.sms.retention.run";

	static final String RETENTION_LAST_RUN = "outbound.sms.retention.last.run";

	static final String CONVERSATION_EVENTS = "outbound.sms.conversation.events";

	private final MeterRegistry registry;

	private final Map<Dependency, AtomicInteger> paused = new EnumMap<>(Dependency.class);

	// not a number until the first read: an unknown
	// depth must not look like an empty queue
	private final Map<WorkQueue, AtomicReference<Double>> depths = new EnumMap<>(WorkQueue.class);

	private final Map<Lane, Timer> firstAttemptAge = new EnumMap<>(Lane.class);

	private final Map<Lane, Timer> retryAge = new EnumMap<>(Lane.class);

	// not a number until this instance ran retention: "never" must not look like 1970
	private final AtomicReference<Double> lastRetentionRun = new AtomicReference<>(Double.NaN);

	private final AtomicInteger pausedCampaigns = new AtomicInteger();

	// not a number until first read from the store
	private final Map<Lane, Map<HoldReason, AtomicReference<Double>>> held = new EnumMap<>(Lane.class);

	MicrometerWorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder(CAMPAIGNS_PAUSED, this.pausedCampaigns, AtomicInteger::get)
			.description("Campaigns paused by an operator, as this instance last read them")
			.register(registry);
		// exported at 0 from the start, so that a rate over them reads 0 rather than
		// nothing
		campaignHeld();
		campaignCountsLost();
		for (Dependency dependency : Dependency.values()) {
			AtomicInteger flag = new AtomicInteger();
			this.paused.put(dependency, flag);
			Gauge.builder(CONSUMPTION_PAUSED, flag, AtomicInteger::get)
				.description("1 while consumption is paused because the dependency fails for every request, else 0")
				.tag("dependency", tagValue(dependency))
				.register(registry);
		}
		for (WorkQueue queue : WorkQueue.values()) {
			AtomicReference<Double> depth = new AtomicReference<>(Double.NaN);
			this.depths.put(queue, depth);
			Gauge.builder(QUEUE_MESSAGES, depth, AtomicReference::get)
				.description("Messages ready in the worker's queue, as last read by a passive declare")
				.tag("queue", tagValue(queue))
				.tag("lane", (queue.lane() != null) ? tagValue(queue.lane()) : "none")
				.register(registry);
		}
		for (Lane lane : Lane.values()) {
			Map<HoldReason, AtomicReference<Double>> byReason = new EnumMap<>(HoldReason.class);
			for (HoldReason reason : HoldReason.values()) {
				AtomicReference<Double> count = new AtomicReference<>(Double.NaN);
				byReason.put(reason, count);
				Gauge.builder(REQUESTS_HELD, count, AtomicReference::get)
					.description("Requests held in the store until they may be sent, by the lane they go back to "
							+ "and why they wait, as last read from the store")
					.tag("lane", tagValue(lane))
					.tag("reason", reason.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
			this.held.put(lane, byReason);
			this.firstAttemptAge.put(lane, requestAge(lane, "first"));
			this.retryAge.put(lane, requestAge(lane, "retry"));
		}
		Gauge.builder(RETENTION_LAST_RUN, this.lastRetentionRun, AtomicReference::get)
			.description("When this instance last ended a retention run, in seconds since the epoch")
			.baseUnit("seconds")
			.register(registry);
	}

	private Timer requestAge(Lane lane, String attempt) {
		return Timer.builder(REQUEST_AGE)
			.description("Age of a request when taken for an attempt: since it was published (first attempts "
					+ "whose producer set the timestamp) or first attempted (retries), by lane")
			.tag("lane", tagValue(lane))
			.tag("attempt", attempt)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(2))
			.register(this.registry);
	}

	@Override
	public void requestsHeld(Lane lane, HoldReason reason, long held) {
		this.held.get(lane).get(reason).set((double) held);
	}

	@Override
	public void settled(Lane lane, Outcome outcome, @Nullable ErrorCode error, Duration took) {
		String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
		String code = (error != null) ? error.name() : "none";
		Counter.builder(REQUESTS)
			.description("Requests settled, by lane, outcome and error code")
			.tag("lane", tagValue(lane))
			.tag("outcome", outcomeTag)
			.tag("code", code)
			.register(this.registry)
			.increment();
		Timer.builder(PROCESSING)
			.description("Time to process one attempt at a request, from its delivery to its result, by lane and "
					+ "outcome")
			.tag("lane", tagValue(lane))
			.tag("outcome", outcomeTag)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(took);
		if (error != null) {
			Counter.builder(DEAD_LETTERS)
				.description("Requests dead-lettered, by reason")
				.tag("reason", code)
				.register(this.registry)
				.increment();
		}
	}

	@Override
	public void campaignRequestHeld() {
		campaignHeld().increment();
	}

	private Counter campaignHeld() {
		return Counter.builder(CAMPAIGN_HELD)
			.description("Requests of paused campaigns set aside on a delay queue, unprocessed")
			.register(this.registry);
	}

	@Override
	public void campaignCountLost() {
		campaignCountsLost().increment();
	}

	private Counter campaignCountsLost() {
		return Counter.builder(CAMPAIGN_COUNTS_LOST)
			.description("Settled requests of campaigns that could not be counted in their campaign")
			.register(this.registry);
	}

	@Override
	public void campaignsPaused(int paused) {
		this.pausedCampaigns.set(paused);
	}

	@Override
	public void retryScheduled(String cause) {
		Counter.builder(RETRIES)
			.description("Next attempts scheduled on a delay queue, by kind of cause")
			.tag("cause", cause)
			.register(this.registry)
			.increment();
	}

	@Override
	public void twilioCall(String endpoint, int status, Duration took) {
		Timer.builder(TWILIO_CALLS)
			.description("Twilio REST calls, by endpoint and status class")
			.tag("endpoint", endpoint)
			.tag("status", statusClass(status))
			.publishPercentileHistogram()
			.register(this.registry)
			.record(took);
	}

	@Override
	public void storeCall(String operation, Duration took) {
		Timer.builder(STORE)
			.description("Idempotency store operations, by operation")
			.tag("operation", operation)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(took);
	}

	@Override
	public void consumed(Lane lane, Duration age, boolean retry) {
		(retry ? this.retryAge : this.firstAttemptAge).get(lane).record(age.isNegative() ? Duration.ZERO : age);
	}

	@Override
	public void consumptionPaused(Dependency dependency, boolean paused) {
		this.paused.get(dependency).set(paused ? 1 : 0);
	}

	@Override
	public void queueDepth(WorkQueue queue, long messages) {
		this.depths.get(queue).set((double) messages);
	}

	private static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@Override
	public void twilioCallLimit(IntSupplier limit, IntSupplier inFlight) {
		Gauge.builder(TWILIO_CONCURRENCY_LIMIT, limit::getAsInt)
			.description("The adaptive limit on Twilio calls in flight: shrinks on 429, grows back on success")
			.register(this.registry);
		Gauge.builder(TWILIO_INFLIGHT, inFlight::getAsInt)
			.description("Twilio calls in flight")
			.register(this.registry);
	}

	@Override
	public void twilioCallRefused(String endpoint) {
		Counter.builder(TWILIO_REFUSED)
			.description("Twilio calls not made because no permit came within the permit wait, by endpoint")
			.tag("endpoint", endpoint)
			.register(this.registry)
			.increment();
	}

	@Override
	public void twilioCallHeldBack(String endpoint, String reason) {
		heldBack(endpoint, reason).increment();
	}

	@Override
	public void twilioCallsHeldBackShown(String endpoint, String reason) {
		heldBack(endpoint, reason);
	}

	private Counter heldBack(String endpoint, String reason) {
		return Counter.builder(TWILIO_HELD_BACK)
			.description("Bulk Twilio calls that waited for the interactive lane, by endpoint and reason")
			.tag("endpoint", endpoint)
			.tag("reason", reason)
			.register(this.registry);
	}

	@Override
	public void retentionDeleted(String table, long rows) {
		Counter.builder(RETENTION_DELETED)
			.description("Rows retention deleted because they grew older than the retention age, by table")
			.tag("table", table)
			.register(this.registry)
			.increment(rows);
	}

	@Override
	public void conversationEvent(String state, String result) {
		Counter.builder(CONVERSATION_EVENTS)
			.description(
					"Conversation events Twilio posted to the webhook, by the state they report and what came of them")
			.tag("state", state)
			.tag("result", result)
			.register(this.registry)
			.increment();
	}

	@Override
	public void retentionRan(Instant ended, Duration took) {
		Timer.builder(RETENTION_RUN)
			.description("Retention runs this instance made while holding the lock, and how long they took")
			.register(this.registry)
			.record(took);
		this.lastRetentionRun.set(ended.toEpochMilli() / 1000.0);
	}

	static String statusClass(int status) {
		if (status == 0) {
			return "io";
		}
		if (status == 429) {
			return "429";
		}
		return (status / 100) + "xx";
	}

}
