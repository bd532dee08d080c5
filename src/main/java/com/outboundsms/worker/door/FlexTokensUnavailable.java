package com.outboundsms.worker.door;

/**
 * Twilio's token validation could not be asked (unreachable, busy, or refusing the
 * worker's own credentials): the caller is neither let in nor told its token is bad.
 */
class FlexTokensUnavailable extends RuntimeException {

	FlexTokensUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
