package com.outboundsms.worker.inbound;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the intake made of a message: a valid request, or the list of every rule it
 * breaks.
 */
public sealed interface Intake permits Intake.Accepted, Intake.Rejected {

	String requestId();

	/**
	 * The normalized numbers, when the message had valid ones.
	 * @return the pair, or {@code null}
	 */
	@Nullable NumberPair pair();

	/**
	 * A valid request.
	 *
	 * @param request the request
	 */
	record Accepted(OutboundSmsRequest request) implements Intake {

		@Override
		public String requestId() {
			return this.request.requestId();
		}

		@Override
		public NumberPair pair() {
			return this.request.pair();
		}

	}

	/**
	 * An invalid message, with what could still be read of it for the failed result
	 * event.
	 *
	 * @param requestId the derived request id
	 * @param errors every broken rule
	 * @param pair the normalized numbers, or {@code null} unless both were valid
	 * @param metadata the metadata object, or {@code null} unless it was a valid one
	 * @param campaignId the campaign id, or {@code null} unless it was a valid one
	 */
	record Rejected(String requestId, List<FieldError> errors, @Nullable NumberPair pair,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String campaignId) implements Intake {

		public String message() {
			return "invalid request: "
					+ this.errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
		}

	}

}
