package com.outboundsms.worker.processing;

import java.time.Instant;

/**
 * Says that a request may not be sent yet: it is held, unprocessed and its attempts
 * unspent, until the given instant. Not a failure of the request, so not an
 * {@link OutreachFailure}.
 */
public final class RequestHeld extends RuntimeException {

	private final Instant until;

	private final HoldReason reason;

	/**
	 * Creates the signal.
	 * @param until when the request may be sent
	 * @param reason why it waits
	 */
	public RequestHeld(Instant until, HoldReason reason) {
		super("held until " + WireTime.format(until) + " (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")",
				null, false, false);
		this.until = until;
		this.reason = reason;
	}

	public Instant until() {
		return this.until;
	}

	public HoldReason reason() {
		return this.reason;
	}

}
