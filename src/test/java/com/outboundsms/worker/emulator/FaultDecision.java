package com.outboundsms.worker.emulator;

import java.time.Duration;

/**
 * What the fault plan decided for one request: a delay, then either normal handling, an
 * error answer, a dropped connection, or handling with the answer lost.
 *
 * @param delay latency to add before answering
 * @param action what to do after the delay
 * @param status the HTTP status of an error answer
 * @param code the Twilio code of an error answer
 * @param message the message of an error answer
 */
record FaultDecision(Duration delay, Action action, int status, int code, String message) {

	enum Action {

		/** Handle the request normally. */
		PROCEED,
		/** Answer the error envelope. */
		FAIL,
		/** Close the connection without an answer. */
		DROP,
		/**
		 * Handle the request, then close the connection without an answer: the change is
		 * made and the caller does not learn it.
		 */
		LOSE_ANSWER

	}

	static FaultDecision proceed(Duration delay) {
		return new FaultDecision(delay, Action.PROCEED, 0, 0, "");
	}

	static FaultDecision fail(Duration delay, int status, int code, String message) {
		return new FaultDecision(delay, Action.FAIL, status, code, message);
	}

	static FaultDecision drop(Duration delay) {
		return new FaultDecision(delay, Action.DROP, 0, 0, "");
	}

	static FaultDecision loseAnswer(Duration delay) {
		return new FaultDecision(delay, Action.LOSE_ANSWER, 0, 0, "");
	}

	TwilioApiException error() {
		return new TwilioApiException(this.status, this.code, this.message);
	}

}
