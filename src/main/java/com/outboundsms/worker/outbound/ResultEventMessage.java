package com.outboundsms.worker.outbound;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.WireTime;
import org.jspecify.annotations.Nullable;

/**
 * A result event as the contract writes it: SIDs as flat fields, fields that do not apply
 * left out rather than null, timestamps in UTC with milliseconds.
 *
 * @param requestId the request id
 * @param outcome the outcome's name
 * @param backend the Twilio backend
 * @param fromNumber the normalized sender, when the request had valid numbers
 * @param toNumber the normalized recipient, when the request had valid numbers
 * @param sids the SIDs by their result field, in the order of their kinds
 * @param metadata the request's metadata, echoed as it was read
 * @param attempts how many times the request was processed
 * @param completedAt when the outcome was reached
 * @param error why the request failed
 * @param messageError why the first message was not posted
 * @param campaignId the request's campaign id
 * @param mode {@code notify} for a notify request; absent for a task request
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({ "requestId", "campaignId", "mode", "outcome", "backend", "fromNumber", "toNumber", "sids",
		"metadata", "attempts", "completedAt", "error", "messageError" })
public record ResultEventMessage(String requestId, String outcome, String backend, @Nullable String fromNumber,
		@Nullable String toNumber, @JsonAnyGetter Map<String, String> sids, @Nullable Map<String, Object> metadata,
		int attempts, String completedAt, @Nullable ErrorMessage error, @Nullable ErrorMessage messageError,
		@Nullable String campaignId, @Nullable String mode) {

	/**
	 * The message of an event.
	 * @param event the event
	 * @return its wire form
	 */
	public static ResultEventMessage of(ResultEvent event) {
		Map<String, String> sids = new LinkedHashMap<>();
		event.sids().forEach((kind, sid) -> {
			// the internal ones, such as the chat service, have no result field
			if (kind.resultField() != null) {
				sids.put(kind.resultField(), sid);
			}
		});
		NumberPair pair = event.pair();
		ErrorDetail error = event.error();
		ErrorDetail messageError = event.messageError();
		return new ResultEventMessage(event.requestId(), event.outcome().name(), event.backend(),
				(pair != null) ? pair.fromNumber() : null, (pair != null) ? pair.toNumber() : null, sids,
				event.metadata(), event.attempts(), WireTime.format(event.completedAt()),
				(error != null) ? ErrorMessage.of(error) : null,
				(messageError != null) ? ErrorMessage.of(messageError) : null, event.campaignId(),
				(event.mode() != null) ? event.mode().wireName() : null);
	}

	/**
	 * The {@code error} and {@code messageError} of a result event.
	 *
	 * @param code the error code's name
	 * @param message what happened
	 * @param retryable whether trying again could succeed
	 * @param twilioCode Twilio's error code, when Twilio answered
	 * @param twilioStatus the HTTP status of Twilio's answer, when Twilio answered
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	@JsonPropertyOrder({ "code", "message", "retryable", "twilioCode", "twilioStatus" })
	public record ErrorMessage(String code, String message, boolean retryable, @Nullable Integer twilioCode,
			@Nullable Integer twilioStatus) {

		static ErrorMessage of(ErrorDetail error) {
			return new ErrorMessage(error.code().name(), error.message(), error.retryable(), error.twilioCode(),
					error.twilioStatus());
		}

	}

}
