package com.outboundsms.worker.processing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may pass: Twilio busy or unreachable, the store unavailable, a lease
 * lost. The request is retried; when the retries run out it fails with
 * {@link ErrorCode#RETRIES_EXHAUSTED}.
 */
public final class TransientFailure extends OutreachFailure {

	private final Duration retryNoSoonerThan;

	public TransientFailure(String message, @Nullable Integer twilioCode, @Nullable Integer twilioStatus,
			@Nullable Throwable cause) {
		this(message, twilioCode, twilioStatus, cause, Duration.ZERO);
	}

	private TransientFailure(String message, @Nullable Integer twilioCode, @Nullable Integer twilioStatus,
			@Nullable Throwable cause, Duration retryNoSoonerThan) {
		super(message, twilioCode, twilioStatus, cause);
		this.retryNoSoonerThan = retryNoSoonerThan;
	}

	public TransientFailure(String message, @Nullable Throwable cause) {
		this(message, null, null, cause);
	}

	public TransientFailure(String message) {
		this(message, null, null, null);
	}

	/**
	 * A failure whose cause is known to last a while, such as a lease another worker
	 * holds: retrying sooner would only spend an attempt.
	 * @param message what failed
	 * @param wait how long the cause lasts at least
	 * @return the failure
	 */
	public static TransientFailure lasting(String message, Duration wait) {
		return new TransientFailure(message, null, null, null, wait.isNegative() ? Duration.ZERO : wait);
	}

	/**
	 * How long the next attempt should wait at least.
	 * @return zero when any backoff will do
	 */
	public Duration retryNoSoonerThan() {
		return this.retryNoSoonerThan;
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return retriesExhausted(attempts);
	}

}
