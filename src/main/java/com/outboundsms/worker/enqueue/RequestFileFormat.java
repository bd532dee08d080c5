package com.outboundsms.worker.enqueue;

import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the command reads, each with the reader of its rows.
 */
enum RequestFileFormat {

	/** A header row of field names, then one request per row. */
	CSV("csv") {
		@Override
		RowSource rows() {
			return new CsvRows();
		}
	},

	/** One request body per line, as producers publish it. */
	JSONL("jsonl") {
		@Override
		RowSource rows() {
			return new JsonLines();
		}
	};

	private final String option;

	RequestFileFormat(String option) {
		this.option = option;
	}

	abstract RowSource rows();

	String option() {
		return this.option;
	}

	/**
	 * The format named by {@code --format}.
	 * @param name {@code csv} or {@code jsonl}
	 * @return the format
	 * @throws IllegalArgumentException for any other name
	 */
	static RequestFileFormat named(String name) {
		for (RequestFileFormat format : values()) {
			if (format.option.equalsIgnoreCase(name)) {
				return format;
			}
		}
		throw new IllegalArgumentException("--format must be csv or jsonl, was " + name);
	}

	/**
	 * The format a file's extension says: {@code .csv}, or {@code .jsonl} and
	 * {@code .ndjson}.
	 * @param fileName the file's name
	 * @return the format, empty for any other extension
	 */
	static Optional<RequestFileFormat> ofFileName(String fileName) {
		String name = fileName.toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) {
			return Optional.of(CSV);
		}
		if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
			return Optional.of(JSONL);
		}
		return Optional.empty();
	}

}
