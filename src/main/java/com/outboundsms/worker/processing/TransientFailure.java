package com.outboundsms.worker.processing;

/**
 * A failure that may pass: Twilio busy or unreachable, the store unavailable, a lease
 * lost. The request is retried; when the retries run out it fails with
 * {@link ErrorCode#RETRIES_EXHAUSTED}.
 */
public final class TransientFailure extends OutreachFailure {

	public TransientFailure(String message, Integer twilioCode, Integer twilioStatus, Throwable cause) {
		super(message, twilioCode, twilioStatus, cause);
	}

	public TransientFailure(String message, Throwable cause) {
		this(message, null, null, cause);
	}

	public TransientFailure(String message) {
		this(message, null, null, null);
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return new ErrorDetail(ErrorCode.RETRIES_EXHAUSTED,
				"gave up after " + attempts + " attempt(s); last cause: " + getMessage(), twilioCode(), twilioStatus());
	}

}
