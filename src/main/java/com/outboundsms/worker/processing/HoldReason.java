package com.outboundsms.worker.processing;

/**
 * Why a request is held before it is sent.
 */
public enum HoldReason {

	/** The lane's send window is closed in the customer's time. */
	WINDOW,

	/** The request's {@code notBefore} has not come. */
	SCHEDULED

}
