package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import com.twilio.http.Response;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.jspecify.annotations.Nullable;

/**
 * Lets a Twilio call go only within the adaptive limit on calls in flight and its
 * endpoint's rate, and feeds every answer back to the limit: a 429 for concurrency or
 * rate (20429, 45780, 45010) shrinks it, a success grows it, anything else says nothing
 * about Twilio's capacity.
 */
class TwilioCallLimiter {

	/**
	 * Twilio's codes for "too many requests": account concurrency, Flex concurrency, Flex
	 * rate.
	 */
	static final Set<Integer> TOO_MANY_CODES = Set.of(20429, 45780, 45010);

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d+)");

	private final SimpleLimiter<Void> limiter;

	private final Limiter<Void> blocking;

	private final Duration permitWait;

	private final Map<String, RateLimiter> rates = new HashMap<>();

	TwilioCallLimiter(TwilioLimitsProperties properties, Duration readTimeout) {
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
		this.blocking = BlockingLimiter.wrap(this.limiter, properties.permitWait());
		this.permitWait = properties.permitWait();
		properties.effectiveRates()
			.forEach((endpoint, perSecond) -> this.rates.put(endpoint,
					RateLimiter.of(endpoint,
							RateLimiterConfig.custom()
								.limitForPeriod(perSecond)
								.limitRefreshPeriod(Duration.ofSeconds(1))
								.timeoutDuration(this.permitWait)
								.build())));
	}

	/**
	 * Makes the call within the limits.
	 * @param endpoint the method and endpoint, such as {@code POST flex-api/v1/Channels}
	 * @param call the call
	 * @return its answer
	 * @throws NoCallPermitException if no permit came within the permit wait
	 */
	Response call(String endpoint, Supplier<Response> call) {
		RateLimiter rate = this.rates.get(endpoint);
		if (rate != null && !rate.acquirePermission()) {
			throw new NoCallPermitException(
					"no permit for " + endpoint + " within " + this.permitWait + " (its rate limit)");
		}
		Optional<Limiter.Listener> permit = this.blocking.acquire(null);
		if (permit.isEmpty()) {
			throw new NoCallPermitException("no permit for " + endpoint + " within " + this.permitWait + " ("
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

}
