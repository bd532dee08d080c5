package com.outboundsms.worker.processing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code error} of a failed result event.
 *
 * @param code why the request failed
 * @param message what happened, in words an operator can act on (no secrets, no phone
 * numbers)
 * @param twilioCode the Twilio error code, or {@code null} when Twilio did not answer
 * @param twilioStatus the HTTP status of Twilio's answer, or {@code null} when Twilio did
 * not answer
 */
public record ErrorDetail(ErrorCode code, String message, @Nullable Integer twilioCode,
		@Nullable Integer twilioStatus) {

	public ErrorDetail {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
	}

	public static ErrorDetail of(ErrorCode code, String message) {
		return new ErrorDetail(code, message, null, null);
	}

	/**
	 * The error of a request whose every attempt failed.
	 * @param attempts how many times the request was tried
	 * @param lastCause what the last attempt failed on
	 * @return the error, without a Twilio code or status
	 */
	public static ErrorDetail retriesExhausted(int attempts, String lastCause) {
		return of(ErrorCode.RETRIES_EXHAUSTED, "gave up after " + attempts + " attempt(s); last cause: " + lastCause);
	}

	public boolean retryable() {
		return this.code.retryable();
	}

}
