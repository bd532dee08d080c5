package com.outboundsms.worker.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's meters on Micrometer. Every tag value is bounded (outcomes, error codes,
 * endpoint templates, status classes): never a number, an id or a SID.
 */
class MicrometerWorkerMetrics implements WorkerMetrics {

	static final String REQUESTS = "outbound.sms.requests";

	static final String PROCESSING = "outbound.sms.processing";

	static final String RETRIES = "outbound.sms.retries";

	static final String DEAD_LETTERS = "outbound.sms.deadletters";

	static final String TWILIO_CALLS = "outbound.sms.twilio.calls";

	static final String STORE = "outbound.sms.store";

	static final String TWILIO_CONCURRENCY_LIMIT = "outbound.sms.twilio.concurrency.limit";

	static final String TWILIO_INFLIGHT = "outbound.sms.twilio.inflight";

	static final String TWILIO_REFUSED = "outbound.sms.twilio.refused";

	private final MeterRegistry registry;

	MicrometerWorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void settled(Outcome outcome, ErrorCode error, Duration took) {
		String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
		String code = (error != null) ? error.name() : "none";
		Counter.builder(REQUESTS)
			.description("Requests settled, by outcome and error code")
			.tag("outcome", outcomeTag)
			.tag("code", code)
			.register(this.registry)
			.increment();
		Timer.builder(PROCESSING)
			.description("Time to process one attempt at a request, by outcome")
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
