package com.outboundsms.worker.inbound;

/**
 * One broken rule of the request contract.
 *
 * @param field the field, or {@code body} for the message as a whole
 * @param problem what is wrong with it
 */
public record FieldError(String field, String problem) {

	@Override
	public String toString() {
		return this.field + ": " + this.problem;
	}

}
