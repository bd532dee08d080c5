package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.Response;
import org.jspecify.annotations.Nullable;

/**
 * Lets a Twilio call go only within its endpoint's rate and the adaptive limit on calls
 * in flight, both shared by the lanes with the interactive lane first, and feeds every
 * answer back to the limit: a 429 for concurrency or rate (20429, 45780, 45010) shrinks
 * it, a success grows it, anything else says nothing about Twilio's capacity.
 */
class TwilioCallLimiter {

	/**
	 * Twilio's codes for "too many requests": account concurrency, Flex concurrency, Flex
	 * rate.
	 */
	static final Set<Integer> TOO_MANY_CODES = Set.of(20429, 45780, 45010);

	/** The tag value of a call held back for the interactive share of a rate. */
	static final String RESERVE = "reserve";

	/** The tag value of a call held back while interactive calls wait for a slot. */
	static final String PRIORITY = "priority";

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d+)");

	private final SimpleLimiter<Void> limiter;

	private final PriorityPermits permits;

	private final TwilioLimitsProperties properties;

	private final Map<String, Integer> rates;

	private final LaneBudget budget;

	private final WorkerMetrics metrics;

	TwilioCallLimiter(TwilioLimitsProperties properties, Duration readTimeout, LaneBudget budget,
			WorkerMetrics metrics) {
		AIMDLimit limit = AIMDLimit.newBuilder()
			.initialLimit(properties.initial())
			.minLimit(properties.min())
			.maxLimit(properties.max())
			.backoffRatio(properties.backoffRatio())
			// a slow answer is not a sign of overload here (the read timeout bounds it),
			// only a 429 is
			.timeout(readTimeout.toMillis() + 1, TimeUnit.MILLISECONDS)
			.build();
		this.limiter = SimpleLimiter.newBuilder().named("twilio").limit(limit).build();
		this.permits = new PriorityPermits(this.limiter);
		this.properties = properties;
		this.rates = properties.effectiveRates();
		this.budget = budget;
		this.metrics = metrics;
		this.rates.keySet().forEach((endpoint) -> {
			metrics.twilioCallsHeldBackShown(tagOf(endpoint), RESERVE);
			metrics.twilioCallsHeldBackShown(tagOf(endpoint), PRIORITY);
		});
	}

	/** The endpoint without its method, as the metrics name it. */
	private static String tagOf(String endpoint) {
		return endpoint.substring(endpoint.indexOf(' ') + 1);
	}

	/**
	 * Makes the call within the limits, in the lane of the request the thread works on.
	 * @param endpoint the method and endpoint, such as {@code POST flex-api/v1/Channels}
	 * @param call the call
	 * @return its answer
	 * @throws NoCallPermitException if no permit came within the lane's permit wait
	 */
	Response call(String endpoint, Supplier<Response> call) {
		Lane lane = Lane.current();
		Duration wait = this.properties.permitWait(lane);
		long started = this.budget.now();
		String tag = tagOf(endpoint);
		Integer rate = this.rates.get(endpoint);
		if (rate != null && !this.budget.take("twilio " + endpoint, rate, lane, started + wait.toNanos(),
				() -> this.metrics.twilioCallHeldBack(tag, RESERVE))) {
			throw new NoCallPermitException("no permit for " + endpoint + " within " + wait + " (its rate limit)");
		}
		Duration left = wait.minusNanos(this.budget.now() - started);
		Optional<Limiter.Listener> permit = this.permits.acquire(lane, left.isNegative() ? Duration.ZERO : left,
				() -> this.metrics.twilioCallHeldBack(tag, PRIORITY));
		if (permit.isEmpty()) {
			throw new NoCallPermitException("no permit for " + endpoint + " within " + wait + " ("
					+ this.limiter.getLimit() + " Twilio calls in flight)");
		}
		Limiter.Listener listener = permit.get();
		Response response;
		try {
			response = call.get();
		}
		catch (RuntimeException ex) {
			listener.onIgnore();
			throw ex;
		}
		if (response.getStatusCode() == 429) {
			// the body is read here to learn the code; the SDK gets a copy to read again
			String content = response.getContent();
			if (tooMany(content)) {
				listener.onDropped();
			}
			else {
				listener.onIgnore();
			}
			return new Response(content, 429, response.getHeaders());
		}
		if (response.getStatusCode() < 400) {
			listener.onSuccess();
		}
		else {
			listener.onIgnore();
		}
		return response;
	}

	/** A 429 with one of Twilio's too-many codes, or with none readable. */
	static boolean tooMany(@Nullable String content) {
		Matcher code = CODE.matcher((content != null) ? content : "");
		return !code.find() || TOO_MANY_CODES.contains(Integer.parseInt(code.group(1)));
	}

	/** The limit on calls in flight now. */
	int limit() {
		return this.limiter.getLimit();
	}

	/** The calls in flight now. */
	int inFlight() {
		return this.limiter.getInflight();
	}

	/** The interactive calls waiting for a slot now. */
	int interactiveWaiting() {
		return this.permits.interactiveWaiting();
	}

}
