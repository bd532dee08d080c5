package com.outboundsms.worker.twilio;

import java.util.List;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;

/**
 * Looks whether Twilio accepts the worker's credentials again: one page of one Flex Flow,
 * a read every Flex account answers. It cannot try a create without creating something,
 * so for the calls Twilio refused with 403 it reports what their last answers were.
 */
class TwilioProbe implements DependencyProbe {

	private final TwilioRestClient client;

	private final TwilioRefusals refusals;

	TwilioProbe(TwilioRestClient client, TwilioRefusals refusals) {
		this.client = client;
		this.refusals = refusals;
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

	@Override
	public List<String> refusedCalls() {
		return this.refusals.forbidden();
	}

}
