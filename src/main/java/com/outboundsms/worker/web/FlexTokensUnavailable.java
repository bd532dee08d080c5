package com.outboundsms.worker.web;

import org.jspecify.annotations.Nullable;

/**
 * Twilio's token validation could not be asked (unreachable, busy, or refusing the
 * worker's own credentials): the caller is neither let in nor told its token is bad.
 */
class FlexTokensUnavailable extends RuntimeException {

	FlexTokensUnavailable(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
