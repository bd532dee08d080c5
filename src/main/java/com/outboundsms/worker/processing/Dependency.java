package com.outboundsms.worker.processing;

/**
 * What the worker cannot work without; when one fails for every request, consumption
 * pauses.
 */
public enum Dependency {

	/** Twilio's REST API, with the worker's credentials. */
	TWILIO,
	/** The idempotency store. */
	STORE

}
