package com.outboundsms.worker.processing;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code error} of a failed result event.
 *
 * @param code why the request failed
 * @param message what happened, in words an operator can act on (no secrets, no phone
 * numbers)
 * @param twilioCode the Twilio error code, when Twilio answered
 * @param twilioStatus the HTTP status of Twilio's answer, when Twilio answered
 */
public record ErrorDetail(ErrorCode code, String message, Optional<Integer> twilioCode,
		Optional<Integer> twilioStatus) {

	public ErrorDetail {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
	}

	public static ErrorDetail of(ErrorCode code, String message) {
		return new ErrorDetail(code, message, Optional.empty(), Optional.empty());
	}

	public boolean retryable() {
		return this.code.retryable();
	}

}
