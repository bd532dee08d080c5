package com.outboundsms.worker.processing;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A failure whose type decides the request's fate: permanent failures are dead-lettered
 * at once, transient ones are retried, systemic ones stop consumption. Adapters classify
 * what they see into one of these exactly once, at their boundary.
 */
public abstract sealed class OutreachFailure extends RuntimeException
		permits PermanentFailure, TransientFailure, SystemicFailure {

	private final @Nullable Integer twilioCode;

	private final @Nullable Integer twilioStatus;

	protected OutreachFailure(String message, @Nullable Integer twilioCode, @Nullable Integer twilioStatus,
			@Nullable Throwable cause) {
		super(message, cause);
		this.twilioCode = twilioCode;
		this.twilioStatus = twilioStatus;
	}

	public Optional<Integer> twilioCode() {
		return Optional.ofNullable(this.twilioCode);
	}

	public Optional<Integer> twilioStatus() {
		return Optional.ofNullable(this.twilioStatus);
	}

	/**
	 * The error a failed result event carries for this failure.
	 * @param attempts how many times the request was tried
	 * @return the error detail
	 */
	public abstract ErrorDetail detail(int attempts);

	/**
	 * The error once every attempt failed, the last one with this failure.
	 * @param attempts how many times the request was tried
	 * @return the error, with this failure's Twilio code and status
	 */
	protected final ErrorDetail retriesExhausted(int attempts) {
		ErrorDetail exhausted = ErrorDetail.retriesExhausted(attempts, getMessage());
		return new ErrorDetail(exhausted.code(), exhausted.message(), this.twilioCode, this.twilioStatus);
	}

}
