package com.outboundsms.worker;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.twilio.http.TwilioRestClient;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contract's scenarios on the flex-legacy backend.
 */
@WorkerIntegrationTest
class FlexLegacyScenariosIntegrationTests extends OutreachScenarios {

	@Autowired
	TwilioEmulator twilioEmulator;

	@Autowired
	TwilioRestClient twilio;

	@Override
	protected BackendUnderTest backend() {
		return new FlexLegacyBackendUnderTest(this.twilioEmulator, this.twilio);
	}

}
