package com.outboundsms.worker.idempotency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Why a first message was refused, as the store keeps it in a row's {@code message_error}
 * column; the Twilio fields only when Twilio answered.
 *
 * @param code the error code's name
 * @param message what happened
 * @param twilioCode Twilio's error code
 * @param twilioStatus the HTTP status of Twilio's answer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({ "code", "message", "twilioCode", "twilioStatus" })
record StoredError(String code, String message, @Nullable Integer twilioCode, @Nullable Integer twilioStatus) {

}
