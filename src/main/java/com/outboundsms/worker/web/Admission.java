package com.outboundsms.worker.web;

import java.time.Duration;

/**
 * What the door makes of a call's credentials: let in, refused ({@code 401}), or held off
 * ({@code 429}) because the client was refused too often.
 */
sealed interface Admission {

	Admission ADMITTED = new Admitted();

	Admission REFUSED = new Refused();

	/** Valid credentials. */
	record Admitted() implements Admission {
	}

	/** No valid credentials. */
	record Refused() implements Admission {
	}

	/**
	 * The client was refused too often: its credentials were not even looked at.
	 *
	 * @param retryAfter at most how long until it may try again
	 */
	record HeldOff(Duration retryAfter) implements Admission {
	}

}
