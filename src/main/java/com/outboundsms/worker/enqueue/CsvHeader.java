package com.outboundsms.worker.enqueue;

import java.util.ArrayList;
import java.util.List;

import com.outboundsms.worker.inbound.FieldError;

/**
 * The columns a CSV file of requests may have: the request's field names, and
 * {@code taskAttributes.<key>} / {@code metadata.<key>} for one value of a nested object.
 * Any other column is refused rather than ignored: a misspelt {@code toName} would
 * otherwise drop a field from every row.
 *
 * @param columns the columns, as the file's first line names them
 */
record CsvHeader(List<String> columns) {

	/** The request's fields, in the contract's order: the order of a written body. */
	static final List<String> FIELDS = List.of("requestId", "fromNumber", "toNumber", "toName", "sourceChatChannelSid",
			"initialNotificationMessage", "targetWorkerSid", "taskAttributes", "metadata", "campaignId");

	/** The fields that hold a JSON object. */
	static final List<String> OBJECTS = List.of("taskAttributes", "metadata");

	private static final List<String> REQUIRED = List.of("fromNumber", "toNumber", "toName");

	/**
	 * What is wrong with the header.
	 * @return the problems, empty when rows can be read under it
	 */
	List<FieldError> problems() {
		List<FieldError> problems = new ArrayList<>();
		if (this.columns.isEmpty()) {
			problems.add(new FieldError("header",
					"is missing: the first line must name the columns (" + String.join(",", REQUIRED) + ",…)"));
			return problems;
		}
		for (String column : this.columns) {
			if (!known(column)) {
				problems.add(
						new FieldError("header", "unknown column '" + CsvRows.abbreviate(column) + "'; the columns are "
								+ String.join(", ", FIELDS) + ", taskAttributes.<key> and metadata.<key>"));
			}
		}
		List<String> missing = REQUIRED.stream().filter((field) -> !this.columns.contains(field)).toList();
		if (!missing.isEmpty()) {
			problems.add(new FieldError("header", "has no column " + String.join(", ", missing)));
		}
		return problems;
	}

	boolean has(String column) {
		return this.columns.contains(column);
	}

	private static boolean known(String column) {
		if (FIELDS.contains(column)) {
			return true;
		}
		return OBJECTS.stream()
			.anyMatch((field) -> column.startsWith(field + ".") && column.length() > field.length() + 1);
	}

}
