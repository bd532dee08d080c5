package com.outboundsms.worker.processing;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure that repeating the request cannot cure: no Flex Flow, or Twilio refused it.
 */
public final class PermanentFailure extends OutreachFailure {

	private final ErrorCode code;

	private final Map<Sid, String> made;

	public PermanentFailure(ErrorCode code, String message, @Nullable Integer twilioCode,
			@Nullable Integer twilioStatus, @Nullable Throwable cause) {
		this(code, message, twilioCode, twilioStatus, cause, Map.of());
	}

	public PermanentFailure(ErrorCode code, String message) {
		this(code, message, null, null, null);
	}

	private PermanentFailure(ErrorCode code, String message, @Nullable Integer twilioCode,
			@Nullable Integer twilioStatus, @Nullable Throwable cause, Map<Sid, String> made) {
		super(message, twilioCode, twilioStatus, cause);
		this.code = Objects.requireNonNull(code, "code");
		this.made = OutreachProgress.copyOf(made);
	}

	/**
	 * The failure of a request whose outreach was made before Twilio refused what came
	 * next, as its failed result event reports it.
	 * @param error why the request failed
	 * @param made the SIDs of what the request made at Twilio
	 * @return the failure
	 */
	public static PermanentFailure after(ErrorDetail error, Map<Sid, String> made) {
		return new PermanentFailure(error.code(), error.message(), error.twilioCode(), error.twilioStatus(), null,
				made);
	}

	public ErrorCode code() {
		return this.code;
	}

	/**
	 * What the request made at Twilio before it failed.
	 * @return the SIDs by kind; empty when it made nothing that stays
	 */
	public Map<Sid, String> made() {
		return this.made;
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return new ErrorDetail(this.code, getMessage(), twilioCode().orElse(null), twilioStatus().orElse(null));
	}

}
