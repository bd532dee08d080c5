package com.outboundsms.worker.twilio;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutreachFailure;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.PhoneMask;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies what twilio-java throws, once: 429 and 5xx and transport errors are
 * transient, 401/403 systemic, other 4xx permanent (21610, the customer opted out, with a
 * code of its own). Twilio's messages can echo phone numbers, so numbers are masked in
 * the text that travels on.
 */
final class TwilioFailures {

	/** Digit runs that may be phone numbers, written with or without separators. */
	private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");

	/** Twilio's "Attempt to send to unsubscribed recipient": the customer opted out. */
	static final int RECIPIENT_OPTED_OUT = 21610;

	private TwilioFailures() {
	}

	static OutreachFailure classify(String action, TwilioException exception) {
		if (exception instanceof NoCallPermitException) {
			return new TransientFailure(action + ": " + exception.getMessage(), exception);
		}
		if (exception instanceof ApiConnectionException) {
			return new TransientFailure(action + ": Twilio unreachable (" + causeName(exception) + ")", exception);
		}
		if (!(exception instanceof ApiException api)) {
			return new PermanentFailure(ErrorCode.TWILIO_REJECTED, action + ": " + masked(exception.getMessage()), null,
					null, exception);
		}
		Integer code = api.getCode();
		Integer status = api.getStatusCode();
		if (status == null || status == 0) {
			return new TransientFailure(action + ": Twilio unreachable (" + causeName(exception) + ")", code, null,
					exception);
		}
		String answer = action + ": Twilio answered " + status + ((code != null) ? " with code " + code : "") + " ("
				+ masked(api.getMessage()) + ")";
		if (status == 429 || status >= 500) {
			return new TransientFailure(answer, code, status, exception);
		}
		if (status == 401 || status == 403) {
			return new SystemicFailure(Dependency.TWILIO, answer, code, status, exception);
		}
		ErrorCode refusal = Integer.valueOf(RECIPIENT_OPTED_OUT).equals(code) ? ErrorCode.RECIPIENT_OPTED_OUT
				: ErrorCode.TWILIO_REJECTED;
		return new PermanentFailure(refusal, answer, code, status, exception);
	}

	/**
	 * Makes a Twilio call, classifying what it throws.
	 * @param action what the call does, for the failure's message
	 * @param call the call
	 * @return what the call answered
	 */
	static <T extends @Nullable Object> T call(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (TwilioException ex) {
			throw classify(action, ex);
		}
	}

	static boolean hasCode(TwilioException exception, int code) {
		return exception instanceof ApiException api && api.getCode() != null && api.getCode() == code;
	}

	static boolean isNotFound(TwilioException exception) {
		return exception instanceof ApiException api && api.getStatusCode() != null && api.getStatusCode() == 404;
	}

	private static String causeName(Throwable exception) {
		Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
		return cause.getClass().getSimpleName();
	}

	static String masked(@Nullable String text) {
		if (text == null) {
			return "no message";
		}
		return NUMBER.matcher(text).replaceAll((match) -> {
			String digits = match.group().replaceAll("[^0-9]", "");
			if (digits.length() < 7) {
				return Matcher.quoteReplacement(match.group());
			}
			return Matcher.quoteReplacement((digits.length() >= 10) ? PhoneMask.mask("+" + digits)
					: "***" + digits.substring(digits.length() - 4));
		});
	}

}
