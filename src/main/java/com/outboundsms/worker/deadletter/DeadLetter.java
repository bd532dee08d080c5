package com.outboundsms.worker.deadletter;

import java.time.Instant;

import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.Lane;
import org.jspecify.annotations.Nullable;

/**
 * Why a request is dead-lettered, as the headers of its copy in the dead-letter queue say
 * it.
 *
 * @param requestId the request id
 * @param campaignId the request's campaign id, when it had a valid one
 * @param lane the lane the request came in
 * @param error the failure
 * @param attempts how many times the request was processed
 * @param firstAttemptAt when processing first started
 * @param lastAttemptAt when the last attempt started
 */
public record DeadLetter(String requestId, @Nullable String campaignId, Lane lane, ErrorDetail error, int attempts,
		Instant firstAttemptAt, Instant lastAttemptAt) {

}
