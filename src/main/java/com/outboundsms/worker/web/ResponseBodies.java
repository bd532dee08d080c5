package com.outboundsms.worker.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.WireTime;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP API's response bodies, as its OpenAPI document describes them: result events,
 * request states, and errors as {@code {error, message}} (with every field error for
 * invalid requests).
 */
final class ResponseBodies {

	private ResponseBodies() {
	}

	static String location(String requestId) {
		return OutboundSmsController.PATH + "/" + requestId;
	}

	static ResponseEntity<Object> accepted(String requestId) {
		return ResponseEntity.accepted()
			.location(URI.create(location(requestId)))
			.body(new RequestState(requestId, "PENDING", location(requestId), null));
	}

	static ResponseEntity<Object> ok(Object body) {
		return ResponseEntity.ok(body);
	}

	/**
	 * A completed request's state. A map rather than a record: it carries one field per
	 * SID kind and, for flex-legacy, gains the Function's resource objects, as the
	 * received result events do.
	 */
	static Map<String, Object> completed(String requestId, StoredOutcome outcome) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("status", "COMPLETED");
		body.put("outcome", outcome.outcome().name());
		body.put("backend", outcome.backend());
		outcome.sids().forEach((kind, sid) -> {
			if (kind.resultField() != null) {
				body.put(kind.resultField(), sid);
			}
		});
		body.put("completedAt", WireTime.format(outcome.completedAt()));
		return body;
	}

	static FailedState failed(RequestLedger.Entry entry, RequestLedger.Failure failure) {
		return new FailedState(entry.requestId(), "FAILED", "FAILED",
				new FailureDetail(failure.code().name(), failure.message(), failure.code().retryable()),
				WireTime.format(failure.at()));
	}

	/**
	 * A request whose failure is stored, so that every copy of it fails the same way: the
	 * customer opted out after its outreach was made.
	 */
	static FailedState failed(String requestId, StoredOutcome outcome) {
		ErrorDetail error = Objects.requireNonNull(outcome.messageError());
		return new FailedState(requestId, "FAILED", "FAILED",
				new FailureDetail(error.code().name(), error.message(), error.retryable()),
				WireTime.format(outcome.completedAt()));
	}

	static RequestState pending(String requestId, Instant acceptedAt) {
		return new RequestState(requestId, "PENDING", null, WireTime.format(acceptedAt));
	}

	static ResponseEntity<Object> invalid(List<FieldError> errors) {
		return ResponseEntity.badRequest()
			.body(new ErrorBody("INVALID_REQUEST",
					"invalid request: " + String.join("; ", errors.stream().map(FieldError::toString).toList()),
					errors.stream().map((error) -> new FieldProblem(error.field(), error.problem())).toList()));
	}

	static ResponseEntity<Object> unauthorized() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(error("UNAUTHORIZED",
					"send a valid API token as Authorization: Bearer, or a valid Flex token as X-Flex-Token or Token"));
	}

	static ResponseEntity<Object> heldOff(Duration retryAfter) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)))
			.body(error("TOO_MANY_REFUSALS", "too many calls from this client were refused: try again later"));
	}

	static ResponseEntity<Object> conflict(String requestId) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(error("REQUEST_ID_CONFLICT",
					"request id " + requestId + " was already used by a request for another number pair"));
	}

	static ResponseEntity<Object> tooLarge(long limit) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(error("BODY_TOO_LARGE", "the body is larger than " + limit + " bytes"));
	}

	static ResponseEntity<Object> notFound(String requestId) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(error("NOT_FOUND", "no request " + requestId + " was accepted here or completed"));
	}

	static ResponseEntity<Object> unavailable(String message) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(error("UNAVAILABLE", message));
	}

	static ErrorBody error(String code, String message) {
		return new ErrorBody(code, message, null);
	}

	/**
	 * A request accepted and not yet completed.
	 *
	 * @param requestId the request id
	 * @param status {@code PENDING}
	 * @param location where its state can be read, in the answer that accepted it
	 * @param acceptedAt when it was accepted, in the state read later
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record RequestState(String requestId, String status, @Nullable String location, @Nullable String acceptedAt) {
	}

	/**
	 * A request that failed.
	 *
	 * @param requestId the request id
	 * @param status {@code FAILED}
	 * @param outcome {@code FAILED}, as in a result event
	 * @param error why, as in a result event
	 * @param completedAt when it failed
	 */
	record FailedState(String requestId, String status, String outcome, FailureDetail error, String completedAt) {
	}

	/**
	 * Why a request failed, as a result event's {@code error} says it.
	 *
	 * @param code the error code's name
	 * @param message what happened
	 * @param retryable whether trying again could succeed
	 */
	record FailureDetail(String code, String message, boolean retryable) {
	}

	/**
	 * An error answer.
	 *
	 * @param error the error code
	 * @param message what went wrong
	 * @param errors every field error, for an invalid request
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record ErrorBody(String error, String message, @Nullable List<FieldProblem> errors) {
	}

	/**
	 * One field error of an invalid request.
	 *
	 * @param field the field's name
	 * @param problem what is wrong with it
	 */
	record FieldProblem(String field, String problem) {
	}

}
