package com.outboundsms.worker.twilio;

import java.net.SocketTimeoutException;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutreachFailure;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioFailuresTests {

	private static final String ACTION = "create the Proxy session";

	@ParameterizedTest
	@ValueSource(ints = { 429, 500, 502, 503, 504 })
	void treatsTooManyRequestsAndServerErrorsAsTransient(int status) {
		ApiException answer = answer("Service unavailable", 20003, status);

		OutreachFailure failure = TwilioFailures.classify(ACTION, answer);

		assertThat(failure).isInstanceOf(TransientFailure.class).hasCause(answer);
		assertThat(failure.twilioStatus()).contains(status);
		assertThat(failure.twilioCode()).contains(20003);
		assertThat(failure.getMessage()).startsWith(ACTION + ": Twilio answered " + status + " with code 20003");
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void treatsRefusedCredentialsAsSystemic(int status) {
		ApiException answer = answer("Authenticate", 20003, status);

		OutreachFailure failure = TwilioFailures.classify(ACTION, answer);

		assertThat(failure).isInstanceOf(SystemicFailure.class).hasCause(answer);
		assertThat(failure.twilioStatus()).contains(status);
		assertThat(failure.detail(3).code()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED);
	}

	@Test // #15
	void tellsAnOptedOutCustomerFromOtherRejections() {
		ApiException answer = answer("Attempt to send to unsubscribed recipient", 21610, 400);

		OutreachFailure failure = TwilioFailures.classify("posting the first message", answer);

		assertThat(failure).isInstanceOfSatisfying(PermanentFailure.class, (permanent) -> {
			assertThat(permanent.code()).isEqualTo(ErrorCode.RECIPIENT_OPTED_OUT);
			assertThat(permanent.twilioCode()).contains(21610);
			assertThat(permanent.twilioStatus()).contains(400);
			assertThat(permanent.detail(1).retryable()).isFalse();
		});
	}

	@Test
	void treatsOtherClientErrorsAsPermanentRejections() {
		ApiException answer = answer("Phone number is already in an active session", 80404, 400);

		OutreachFailure failure = TwilioFailures.classify(ACTION, answer);

		assertThat(failure).isInstanceOfSatisfying(PermanentFailure.class, (permanent) -> {
			assertThat(permanent.code()).isEqualTo(ErrorCode.TWILIO_REJECTED);
			assertThat(permanent.twilioCode()).contains(80404);
			assertThat(permanent.twilioStatus()).contains(400);
			assertThat(permanent.getMessage()).isEqualTo(
					ACTION + ": Twilio answered 400 with code 80404 (Phone number is already in an active session)");
			assertThat(permanent.detail(1).retryable()).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404, 409, 422 })
	void treatsEveryClientErrorOtherThan429AndCredentialsAsPermanent(int status) {
		OutreachFailure failure = TwilioFailures.classify(ACTION, answer("refused", 21211, status));

		assertThat(failure).isInstanceOf(PermanentFailure.class);
	}

	@Test
	void leavesOutTheCodeWhenTwilioGaveNone() {
		OutreachFailure failure = TwilioFailures.classify(ACTION, new ApiException("Server Error, no content", 503));

		assertThat(failure).isInstanceOf(TransientFailure.class);
		assertThat(failure.twilioCode()).isEmpty();
		assertThat(failure.twilioStatus()).contains(503);
		assertThat(failure.getMessage()).isEqualTo(ACTION + ": Twilio answered 503 (Server Error, no content)");
	}

	@Test
	void treatsAnAnswerWithoutStatusAsATransportError() {
		ApiException transport = new ApiException("Connection reset", new SocketTimeoutException("Read timed out"));

		OutreachFailure failure = TwilioFailures.classify(ACTION, transport);

		assertThat(failure).isInstanceOf(TransientFailure.class).hasCause(transport);
		assertThat(failure.twilioStatus()).isEmpty();
		assertThat(failure.getMessage()).isEqualTo(ACTION + ": Twilio unreachable (SocketTimeoutException)");
	}

	@Test
	void treatsAConnectionFailureAsTransient() {
		ApiConnectionException unreachable = new ApiConnectionException("Connection refused",
				new java.net.ConnectException("Connection refused"));

		OutreachFailure failure = TwilioFailures.classify(ACTION, unreachable);

		assertThat(failure).isInstanceOf(TransientFailure.class).hasCause(unreachable);
		assertThat(failure.twilioCode()).isEmpty();
		assertThat(failure.twilioStatus()).isEmpty();
		assertThat(failure.getMessage()).isEqualTo(ACTION + ": Twilio unreachable (ConnectException)");
	}

	@Test
	void treatsOtherTwilioErrorsAsPermanent() {
		AuthenticationException missing = new AuthenticationException("Username can not be null");

		OutreachFailure failure = TwilioFailures.classify(ACTION, missing);

		assertThat(failure).isInstanceOfSatisfying(PermanentFailure.class,
				(permanent) -> assertThat(permanent.code()).isEqualTo(ErrorCode.TWILIO_REJECTED));
	}

	@Test
	void masksPhoneNumbersInTwilioMessages() {
		ApiException answer = answer("Phone number +14155552671 is already in an active session with +15005550006",
				80404, 400);

		OutreachFailure failure = TwilioFailures.classify(ACTION, answer);

		assertThat(failure.getMessage()).contains("+1415***2671", "+1500***0006")
			.doesNotContain("+14155552671", "+15005550006", "5552671", "5550006");
		assertThat(failure.detail(1).message()).doesNotContain("+14155552671");
	}

	@Test
	void masksNumbersWrittenWithoutPlus() {
		String masked = TwilioFailures.masked("The 'To' number 14155552671 is not a valid phone number.");

		assertThat(masked).isEqualTo("The 'To' number +1415***2671 is not a valid phone number.")
			.doesNotContain("14155552671", "5552671");
	}

	@Test
	void leavesTwilioCodesAndShortNumbersReadable() {
		String masked = TwilioFailures.masked("Error 80404, see https://www.twilio.com/docs/errors/80404 (retry 3)");

		assertThat(masked).isEqualTo("Error 80404, see https://www.twilio.com/docs/errors/80404 (retry 3)");
	}

	@Test
	void saysSoWhenTwilioGaveNoMessage() {
		String masked = TwilioFailures.masked(null);

		assertThat(masked).isEqualTo("no message");
	}

	@Test
	void recognizesATwilioErrorCode() {
		ApiException answer = answer("already in an active session", 80404, 400);

		assertThat(TwilioFailures.hasCode(answer, 80404)).isTrue();
		assertThat(TwilioFailures.hasCode(answer, 80403)).isFalse();
		assertThat(TwilioFailures.hasCode(new ApiException("no code"), 80404)).isFalse();
		assertThat(TwilioFailures.hasCode(new ApiConnectionException("down"), 80404)).isFalse();
	}

	@Test
	void recognizesNotFound() {
		assertThat(TwilioFailures.isNotFound(answer("The requested resource was not found", 20404, 404))).isTrue();
		assertThat(TwilioFailures.isNotFound(answer("refused", 21211, 400))).isFalse();
		assertThat(TwilioFailures.isNotFound(new ApiException("no status"))).isFalse();
	}

	/**
	 * An answer from Twilio as twilio-java 13 reports it.
	 */
	private static ApiException answer(String message, Integer code, Integer status) {
		return new ApiException(message, code, "https://www.twilio.com/docs/errors/" + code, status, status, null, null,
				null);
	}

	@Test
	void masksShortAndSeparatedNumbersInTwilioMessages() {
		String masked = TwilioFailures.masked("Number 5552671 and +1 415-555-2671 are not reachable; code 80404");

		assertThat(masked.replace("*", "")).doesNotContain("5552671").doesNotContain("415-555");
		assertThat(masked).contains("***2671").contains("+1415***2671").contains("80404");
	}

}
