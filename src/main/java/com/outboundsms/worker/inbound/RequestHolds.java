package com.outboundsms.worker.inbound;

import java.time.Instant;

import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.Lane;

import org.springframework.amqp.core.Message;

/**
 * Where the listener sets a request aside that may not be sent yet, until it may: the
 * send schedule's store, which publishes it to its lane again when the time comes.
 */
public interface RequestHolds {

	/**
	 * Holds the delivered request until the given instant, once per request id: a request
	 * held already stays as it was held. Returns once the request is stored, so that the
	 * delivery can then be acknowledged without losing it.
	 * @param message the request as delivered
	 * @param lane the lane it came in, and goes back to
	 * @param requestId its request id
	 * @param until when it may be sent
	 * @param reason why it waits
	 * @throws com.outboundsms.worker.processing.SystemicFailure when the store cannot be
	 * reached
	 */
	void hold(Message message, Lane lane, String requestId, Instant until, HoldReason reason);

}
