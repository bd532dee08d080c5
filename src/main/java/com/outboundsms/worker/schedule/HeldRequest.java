package com.outboundsms.worker.schedule;

import java.time.Instant;

import com.outboundsms.worker.processing.Lane;

import org.springframework.amqp.core.Message;

/**
 * A held request a releaser claimed: the message as it was delivered, and where it goes.
 *
 * @param requestId its request id
 * @param lane the lane it came in, and goes back to
 * @param message the message as delivered (body and the properties that matter)
 * @param releaseAt when it was due
 */
record HeldRequest(String requestId, Lane lane, Message message, Instant releaseAt) {

}
