package com.outboundsms.worker.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerTimersTests {

	private static final String BEFORE = """
			outbound_sms_processing_seconds_count{outcome="created"} 0
			outbound_sms_processing_seconds_sum{outcome="created"} 0
			""";

	private static final String AFTER = """
			# HELP outbound_sms_processing_seconds Time to process one attempt at a request, by outcome
			outbound_sms_processing_seconds_bucket{outcome="created",le="0.01"} 1
			outbound_sms_processing_seconds_bucket{outcome="created",le="0.05"} 2
			outbound_sms_processing_seconds_bucket{outcome="created",le="+Inf"} 2
			outbound_sms_processing_seconds_count{outcome="created"} 2
			outbound_sms_processing_seconds_sum{outcome="created"} 0.04
			outbound_sms_twilio_calls_seconds_count{endpoint="flex-api/v1/Channels",status="2xx"} 2
			outbound_sms_twilio_calls_seconds_sum{endpoint="flex-api/v1/Channels",status="2xx"} 0.006
			outbound_sms_twilio_calls_seconds_count{endpoint="proxy/v1/Services/{sid}/Sessions",status="2xx"} 2
			outbound_sms_twilio_calls_seconds_sum{endpoint="proxy/v1/Services/{sid}/Sessions",status="2xx"} 0.004
			outbound_sms_store_seconds_count{operation="claim"} 10
			outbound_sms_store_seconds_sum{operation="claim"} 0.02
			outbound_sms_store_seconds_max{operation="claim"} 0.9
			""";

	@Test
	void splitsARequestsTimeIntoTwilioStoreAndTheRestCountingEveryEndpoint() {
		String since = WorkerTimers.parse(AFTER).since(WorkerTimers.parse(BEFORE));

		assertThat(since).isEqualTo("mean 20.0 ms in the worker per request = Twilio calls 5.0 ms (2.0 calls)"
				+ " + store 10.0 ms (5.0 operations) + the rest 5.0 ms (intake, result event and its confirm);"
				+ " 99 % of requests within 50 ms");
	}

	@Test
	void saysSoWhenNoRequestSettled() {
		assertThat(WorkerTimers.parse(BEFORE).since(WorkerTimers.parse(BEFORE))).isEqualTo("no request settled");
	}

}
