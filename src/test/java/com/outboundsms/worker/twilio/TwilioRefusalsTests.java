package com.outboundsms.worker.twilio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioRefusalsTests {

	private static final String SESSIONS = "POST proxy/v1/Services/{sid}/Sessions";

	private static final String INTERACTIONS = "POST flex-api/v1/Interactions";

	@Test
	void namesTheCallsLastAnswered403InOrder() {
		TwilioRefusals refusals = new TwilioRefusals();

		refusals.answered(SESSIONS, 403);
		refusals.answered(INTERACTIONS, 403);
		refusals.answered("GET flex-api/v1/FlexFlows", 200);

		assertThat(refusals.forbidden()).containsExactly(INTERACTIONS, SESSIONS);
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 204, 400, 404, 409 })
	void clearsACallOnceTwilioLetItThrough(int status) {
		TwilioRefusals refusals = new TwilioRefusals();
		refusals.answered(SESSIONS, 403);

		refusals.answered(SESSIONS, status);

		assertThat(refusals.forbidden()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 429, 500, 503 })
	void keepsACallRefusedWhenTheAnswerSaysNothingOfPermissions(int status) {
		TwilioRefusals refusals = new TwilioRefusals();
		refusals.answered(SESSIONS, 403);

		refusals.answered(SESSIONS, status);

		assertThat(refusals.forbidden()).containsExactly(SESSIONS);
	}

}
