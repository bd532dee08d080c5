package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One rule of the {@link FaultPlan}: which requests it matches (method and whole-path
 * regex), what it does to them, and how many more times. Guarded by the plan's lock.
 */
final class FaultRule {

	private final RequestMatch match;

	private final FaultDecision.Action action;

	private final int status;

	private final int code;

	private final String message;

	private final double probability;

	private final Duration delay;

	private int remaining;

	FaultRule(@Nullable String method, Pattern path, FaultDecision.Action action, int status, int code, String message,
			int remaining, double probability, Duration delay) {
		this.match = new RequestMatch(method, path);
		this.action = action;
		this.status = status;
		this.code = code;
		this.message = message;
		this.remaining = remaining;
		this.probability = probability;
		this.delay = delay;
	}

	boolean matches(String requestMethod, String requestPath) {
		return this.match.matches(requestMethod, requestPath);
	}

	double probability() {
		return this.probability;
	}

	Duration delay() {
		return this.delay;
	}

	/**
	 * Counts one use; returns whether the rule is used up.
	 */
	boolean consume() {
		this.remaining--;
		return this.remaining <= 0;
	}

	FaultDecision decision(Duration latency) {
		return switch (this.action) {
			case DROP -> FaultDecision.drop(latency);
			case LOSE_ANSWER -> FaultDecision.loseAnswer(latency);
			default -> FaultDecision.fail(latency, this.status, this.code, this.message);
		};
	}

}
