package com.outboundsms.worker.processing;

import java.util.Objects;

/**
 * A failure that repeating the request cannot cure: no Flex Flow, or Twilio refused it.
 */
public final class PermanentFailure extends OutreachFailure {

	private final ErrorCode code;

	public PermanentFailure(ErrorCode code, String message, Integer twilioCode, Integer twilioStatus, Throwable cause) {
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
		return new ErrorDetail(this.code, getMessage(), twilioCode(), twilioStatus());
	}

}
