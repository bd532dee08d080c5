package com.outboundsms.worker.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the idempotency store.
 *
 * @param lease how long a claim on a pair lasts without a checkpoint; a worker that dies
 * leaves its pair to others after this time
 */
@ConfigurationProperties("outbound-sms.idempotency")
record IdempotencyProperties(@DefaultValue("60s") Duration lease) {

}
