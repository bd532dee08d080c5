package com.outboundsms.worker.twilio;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;

/**
 * Looks whether Twilio accepts the worker's credentials again: one page of one Flex Flow,
 * a read every Flex account answers.
 */
class TwilioProbe implements DependencyProbe {

	private final TwilioRestClient client;

	TwilioProbe(TwilioRestClient client) {
		this.client = client;
	}

	@Override
	public Dependency dependency() {
		return Dependency.TWILIO;
	}

	@Override
	public void check() {
		try {
			FlexFlow.reader().setPageSize(1L).firstPage(this.client);
		}
		catch (TwilioException ex) {
			throw TwilioFailures.classify("probing Twilio", ex);
		}
	}

}
