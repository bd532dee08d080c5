package com.outboundsms.worker.processing;

/**
 * A failure that concerns every request, not this one: Twilio refuses the worker's
 * credentials. Until consumption can be paused, it is retried like a transient failure.
 */
public final class SystemicFailure extends OutreachFailure {

	public SystemicFailure(String message, Integer twilioCode, Integer twilioStatus, Throwable cause) {
		super(message, twilioCode, twilioStatus, cause);
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return new ErrorDetail(ErrorCode.RETRIES_EXHAUSTED,
				"gave up after " + attempts + " attempt(s); last cause: " + getMessage(), twilioCode(), twilioStatus());
	}

}
