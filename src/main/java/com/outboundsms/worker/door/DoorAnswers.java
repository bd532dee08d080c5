package com.outboundsms.worker.door;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.WireTime;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The door's answers, as its OpenAPI document describes them: result events, request
 * states, and errors as {@code {error, message}} (with every field error for invalid
 * requests).
 */
final class DoorAnswers {

	private DoorAnswers() {
	}

	static String location(String requestId) {
		return OutboundSmsController.PATH + "/" + requestId;
	}

	static ResponseEntity<Object> accepted(String requestId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("status", "PENDING");
		body.put("location", location(requestId));
		return ResponseEntity.accepted().location(URI.create(location(requestId))).body(body);
	}

	static ResponseEntity<Object> ok(Map<String, Object> body) {
		return ResponseEntity.ok(body);
	}

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

	static Map<String, Object> failed(RequestLedger.Entry entry, RequestLedger.Failure failure) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", failure.code().name());
		error.put("message", failure.message());
		error.put("retryable", failure.code().retryable());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", entry.requestId());
		body.put("status", "FAILED");
		body.put("outcome", "FAILED");
		body.put("error", error);
		body.put("completedAt", WireTime.format(failure.at()));
		return body;
	}

	static Map<String, Object> pending(String requestId, Instant acceptedAt) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("status", "PENDING");
		body.put("acceptedAt", WireTime.format(acceptedAt));
		return body;
	}

	static ResponseEntity<Object> invalid(List<FieldError> errors) {
		Map<String, Object> body = error("INVALID_REQUEST",
				"invalid request: " + String.join("; ", errors.stream().map(FieldError::toString).toList()));
		body.put("errors",
				errors.stream().map((error) -> Map.of("field", error.field(), "problem", error.problem())).toList());
		return ResponseEntity.badRequest().body(body);
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

	static Map<String, Object> error(String code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("message", message);
		return body;
	}

}
