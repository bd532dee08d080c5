package com.outboundsms.worker.processing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure that repeating the request cannot cure: no Flex Flow, or Twilio refused it.
 */
public final class PermanentFailure extends OutreachFailure {

	private final ErrorCode code;

	public PermanentFailure(ErrorCode code, String message, @Nullable Integer twilioCode,
			@Nullable Integer twilioStatus, @Nullable Throwable cause) {
		super(message, twilioCode, twilioStatus, cause);
		this.code = Objects.requireNonNull(code, "code");
	}

	public PermanentFailure(ErrorCode code, String message) {
		this(code, message, null, null, null);
	}

	public ErrorCode code() {
		return this.code;
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return new ErrorDetail(this.code, getMessage(), twilioCode().orElse(null), twilioStatus().orElse(null));
	}

}
