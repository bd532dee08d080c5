/**
 * The worker's core: turns a valid outbound SMS request into an open outreach exactly
 * once per number pair. It knows no AMQP, JDBC, Twilio or Micrometer type; adapters
 * implement its ports.
 */
@NullMarked
package com.outboundsms.worker.processing;

import org.jspecify.annotations.NullMarked;
