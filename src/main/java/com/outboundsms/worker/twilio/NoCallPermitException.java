package com.outboundsms.worker.twilio;

import com.twilio.exception.ApiConnectionException;

/**
 * A Twilio call that was never sent: no permit (in flight or rate) came within the permit
 * wait. Transient: the request waits on the broker and comes back.
 */
class NoCallPermitException extends ApiConnectionException {

	NoCallPermitException(String message) {
		super(message);
	}

}
