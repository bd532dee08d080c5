package com.outboundsms.worker.inbound;

import java.util.List;

/**
 * The request contract's checks exactly as the listener applies them, for what publishes
 * requests from this jar (the bulk enqueue) and must refuse a body the worker would
 * dead-letter.
 */
public final class RequestValidator {

	private final RequestReader reader;

	private RequestValidator(RequestReader reader) {
		this.reader = reader;
	}

	/**
	 * The checks under the worker's settings (default region, largest body).
	 * @param properties the request side's settings
	 * @return the validator
	 */
	public static RequestValidator of(InboundProperties properties) {
		return new RequestValidator(
				new RequestReader(new PhoneNumbers(properties.defaultRegion()), properties.maxBodySize().toBytes()));
	}

	/**
	 * Checks a body as the worker reads it when it is published with content type JSON
	 * and, as its {@code message_id}, the id the worker derives from the body itself
	 * ({@code sha256:} and the hex SHA-256 of the body), so the same body always gets the
	 * same id.
	 * @param body the body as it would be published
	 * @return the request id (the body's {@code requestId}, else the derived id) and
	 * every rule the body breaks
	 */
	public Verdict check(byte[] body) {
		String derived = this.reader.fallbackId(body, null);
		Intake intake = this.reader.read(body, derived, "application/json");
		List<FieldError> errors = (intake instanceof Intake.Rejected rejected) ? rejected.errors() : List.of();
		return new Verdict(intake.requestId(), errors);
	}

	/**
	 * What the worker would make of a body.
	 *
	 * @param requestId the request id the worker would give it
	 * @param errors every rule it breaks; empty when the worker would accept it
	 */
	public record Verdict(String requestId, List<FieldError> errors) {

		public boolean valid() {
			return this.errors.isEmpty();
		}

	}

}
