package com.outboundsms.worker.deadletter;

/**
 * The names of the headers the worker puts on the copies it sets aside: a dead letter
 * carries all but {@link #LAST_ERROR} of its own, and a copy waiting on a delay queue the
 * attempt headers and {@link #LAST_ERROR}.
 * {@code contract/dead-letter-headers.schema.json} and {@code contract/asyncapi.yaml}
 * publish them.
 */
public final class DeadLetterHeaders {

	/** The request id, so operators and the replay can name the request. */
	public static final String REQUEST_ID = "x-request-id";

	/**
	 * The request's campaign id, when it had a valid one, so a campaign's failures can be
	 * picked out.
	 */
	public static final String CAMPAIGN_ID = "x-campaign-id";

	/**
	 * The lane the request came in ({@code interactive} or {@code bulk}), so that a
	 * replay sends it back there.
	 */
	public static final String LANE = "x-lane";

	/** Why the request failed: an {@code ErrorCode} name. */
	public static final String ERROR_CODE = "x-error-code";

	/** What happened, in words (every field error of an invalid request). */
	public static final String ERROR_MESSAGE = "x-error-message";

	/** How many times the request was processed. */
	public static final String ATTEMPTS = "x-attempts";

	/** When the first attempt started (UTC, milliseconds). */
	public static final String FIRST_ATTEMPT_AT = "x-first-attempt-at";

	/** When the last attempt started (UTC, milliseconds). */
	public static final String LAST_ATTEMPT_AT = "x-last-attempt-at";

	/** The Twilio error code, when Twilio answered. */
	public static final String TWILIO_CODE = "x-twilio-code";

	/** The HTTP status of Twilio's answer, when Twilio answered. */
	public static final String TWILIO_STATUS = "x-twilio-status";

	/** Why the last attempt failed, on a copy waiting for the next one. */
	public static final String LAST_ERROR = "x-last-error";

	private DeadLetterHeaders() {
	}

}
