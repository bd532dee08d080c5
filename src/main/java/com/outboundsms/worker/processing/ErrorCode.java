package com.outboundsms.worker.processing;

/**
 * Why a request failed, as the result event and the dead-letter headers say it.
 */
public enum ErrorCode {

	/** The request breaks a rule of the contract; it is never retried. */
	INVALID_REQUEST(false),
	/** No Flex Flow has the request's {@code fromNumber} as contact identity. */
	FLEX_FLOW_NOT_FOUND(false),
	/** Twilio refused the request with a 4xx other than 429. */
	TWILIO_REJECTED(false),
	/** A transient failure outlasted the retry policy; the request may succeed later. */
	RETRIES_EXHAUSTED(true),
	/**
	 * The request id was already used by a request for another number pair: like an
	 * idempotency key reused with other parameters, it is refused.
	 */
	REQUEST_ID_CONFLICT(false),
	/**
	 * Twilio keeps refusing this kind of call with 403 while it accepts the worker's
	 * credentials: the API key lacks a permission.
	 */
	TWILIO_FORBIDDEN(false),
	/**
	 * A notify request the worker is not set up for: notify mode needs the Studio flow
	 * ({@code TWILIO_STUDIO_FLOW_SID}) on flex-conversations, and a Flex Flow of
	 * integration type studio for the number on flex-legacy.
	 */
	NOTIFY_NOT_CONFIGURED(false),
	/**
	 * Not a failure of the request: a notify request's message was not posted because the
	 * customer is already in a conversation on the number: an agent's, in the pair's open
	 * outreach, or one no outreach of the worker made (the result's {@code messageError}
	 * says which).
	 */
	CUSTOMER_WITH_AGENT(false),
	/**
	 * Twilio refused the first message because the customer opted out (Twilio's 21610):
	 * sending again fails the same way until the customer opts back in.
	 */
	RECIPIENT_OPTED_OUT(false);

	private final boolean retryable;

	ErrorCode(boolean retryable) {
		this.retryable = retryable;
	}

	/**
	 * Whether the same request could succeed if it were sent again later.
	 * @return {@code true} for failures that were not caused by the request itself
	 */
	public boolean retryable() {
		return this.retryable;
	}

}
