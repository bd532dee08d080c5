package com.outboundsms.worker.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error of a request whose every attempt failed: one wording, whichever failure the
 * last attempt had.
 */
class RetriesExhaustedTests {

	@Test
	void namesTheAttemptsAndTheLastCause() {
		ErrorDetail error = ErrorDetail.retriesExhausted(3, "unexpected NullPointerException");

		assertThat(error.code()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED);
		assertThat(error.message())
			.isEqualTo("gave up after 3 attempt(s); last cause: unexpected NullPointerException");
		assertThat(error.twilioCode()).isNull();
		assertThat(error.twilioStatus()).isNull();
	}

	@Test
	void aTransientFailureKeepsTwilioCodeAndStatus() {
		ErrorDetail error = new TransientFailure("Twilio answered 503", 20503, 503, null).detail(5);

		assertThat(error).isEqualTo(new ErrorDetail(ErrorCode.RETRIES_EXHAUSTED,
				"gave up after 5 attempt(s); last cause: Twilio answered 503", 20503, 503));
	}

	@Test
	void aSystemicFailureGivesUpInTheSameWords() {
		ErrorDetail error = new SystemicFailure(Dependency.TWILIO, "store unreachable", null, null, null).detail(2);

		assertThat(error).isEqualTo(ErrorDetail.retriesExhausted(2, "store unreachable"));
	}

}
