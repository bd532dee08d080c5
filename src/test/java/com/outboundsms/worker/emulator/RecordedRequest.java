package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One request the emulator received and how it answered.
 *
 * @param method the HTTP method
 * @param path the raw path as received, e.g. {@code /proxy/v1/Services/KS.../Sessions}
 * @param template the matched route template, e.g.
 * {@code /proxy/v1/Services/{ServiceSid}/Sessions}, or {@code null} when no route matched
 * @param query the query parameters
 * @param form the form parameters
 * @param username the Basic-auth username, {@code null} when none was sent
 * @param status the HTTP status answered, 0 when the connection was dropped
 * @param errorCode the Twilio error code answered, if any
 * @param resourceSid the {@code sid} of the answer's body, e.g. the conversation a create
 * made, {@code null} when it has none
 * @param at when it arrived
 */
public record RecordedRequest(String method, String path, @Nullable String template, Params query, Params form,
		@Nullable String username, int status, @Nullable Integer errorCode, @Nullable String resourceSid, Instant at) {

}
