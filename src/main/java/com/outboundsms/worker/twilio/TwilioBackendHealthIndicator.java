package com.outboundsms.worker.twilio;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Names the Twilio backend the worker runs, and the account, in the health details.
 */
class TwilioBackendHealthIndicator implements HealthIndicator {

	private final BackendProperties backend;

	private final TwilioProperties twilio;

	TwilioBackendHealthIndicator(BackendProperties backend, TwilioProperties twilio) {
		this.backend = backend;
		this.twilio = twilio;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("backend", this.backend.backend().wireName())
			.withDetail("accountSid", this.twilio.accountSid())
			.build();
	}

}
