package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.outboundsms.worker.inbound.FieldError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a CSV file (RFC 4180, UTF-8) whose first line names the columns (a
 * {@link CsvHeader}): {@code taskAttributes} and {@code metadata} hold JSON object text,
 * {@code taskAttributes.<key>} / {@code metadata.<key>} one string value each. An empty
 * cell is an absent field. The body is written with the fields in the contract's order,
 * whatever the columns' order, so the same row always makes the same body (and so the
 * same derived request id).
 */
class CsvRows implements RowSource {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setAllowMissingColumnNames(false)
		.get();

	/** As strict as the worker's reader: a duplicate key is an error, not a last win. */
	private static final JsonMapper CELL_JSON = JsonMapper
		.builder(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	@Override
	public void read(InputStream file, Consumer<FileRow> action) throws IOException {
		CSVParser parser;
		try {
			parser = FORMAT.parse(withoutBom(file));
		}
		catch (IllegalArgumentException | UncheckedIOException | IOException ex) {
			action.accept(FileRow.unreadable(1, "header", "cannot be read: " + reason(ex)));
			return;
		}
		try (parser) {
			CsvHeader header = new CsvHeader(parser.getHeaderNames());
			List<FieldError> headerProblems = header.problems();
			if (!headerProblems.isEmpty()) {
				action.accept(new FileRow(1, null, headerProblems));
				return;
			}
			readRows(parser, header, action);
		}
	}

	private static void readRows(CSVParser parser, CsvHeader header, Consumer<FileRow> action) {
		Iterator<CSVRecord> records = parser.iterator();
		while (true) {
			CSVRecord record;
			try {
				if (!records.hasNext()) {
					return;
				}
				record = records.next();
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				// the parser cannot find where the next row starts: nothing after is read
				action.accept(FileRow.unreadable((int) parser.getCurrentLineNumber() + 1, "row",
						"cannot be read, nor anything after it: " + reason(ex)));
				return;
			}
			int line = (int) (parser.getCurrentLineNumber() - lineBreaksIn(record));
			if (!record.isConsistent()) {
				action.accept(FileRow.unreadable(line, "row",
						"has " + record.size() + " values, the header names " + header.columns().size() + " columns"));
				continue;
			}
			action.accept(body(line, record, header));
		}
	}

	private static FileRow body(int line, CSVRecord record, CsvHeader header) {
		ObjectNode body = CELL_JSON.createObjectNode();
		List<FieldError> problems = new ArrayList<>();
		for (String field : CsvHeader.FIELDS) {
			String text = header.has(field) ? record.get(field) : "";
			if (CsvHeader.OBJECTS.contains(field)) {
				object(field, text, dotted(field, record, header), body, problems);
			}
			else if (!text.isEmpty()) {
				body.put(field, text);
			}
		}
		return new FileRow(line, CELL_JSON.writeValueAsBytes(body), List.copyOf(problems));
	}

	/**
	 * The JSON object of a column and its dotted columns: a cell that is JSON but no
	 * object goes in as it is, for the worker's rules to name.
	 */
	private static void object(String field, String text, Map<String, String> dotted, ObjectNode body,
			List<FieldError> problems) {
		JsonNode value = null;
		if (!text.isEmpty()) {
			try {
				value = CELL_JSON.readTree(text);
			}
			catch (JacksonException ex) {
				problems.add(new FieldError(field, "is not JSON: " + abbreviate(ex.getOriginalMessage())));
			}
		}
		if (!dotted.isEmpty()) {
			if (value == null) {
				value = CELL_JSON.createObjectNode();
			}
			if (value instanceof ObjectNode object) {
				dotted.forEach((key, cell) -> {
					if (object.has(key)) {
						problems.add(new FieldError(field + "." + key, "is also in the " + field + " column"));
					}
					else {
						object.put(key, cell);
					}
				});
			}
		}
		if (value != null) {
			body.set(field, value);
		}
	}

	/** The non-empty {@code field.<key>} cells by key, sorted for a stable body. */
	private static Map<String, String> dotted(String field, CSVRecord record, CsvHeader header) {
		Map<String, String> values = new TreeMap<>();
		for (String column : header.columns()) {
			if (column.startsWith(field + ".") && !record.get(column).isEmpty()) {
				values.put(column.substring(field.length() + 1), record.get(column));
			}
		}
		return values;
	}

	/**
	 * Quoted cells may hold line breaks: the row starts that many lines above its end.
	 */
	private static int lineBreaksIn(CSVRecord record) {
		int breaks = 0;
		for (String value : record) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
					breaks++;
				}
			}
		}
		return breaks;
	}

	/**
	 * The file as UTF-8 text, refusing bytes that are not UTF-8 (rather than sending
	 * replacement characters to the customer), without the byte order mark spreadsheet
	 * programs write.
	 */
	private static Reader withoutBom(InputStream file) throws IOException {
		PushbackReader reader = new PushbackReader(new InputStreamReader(file,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				1);
		int first = reader.read();
		if (first != -1 && first != '\uFEFF') {
			reader.unread(first);
		}
		return reader;
	}

	private static String reason(Exception failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause instanceof CharacterCodingException) {
			return "the file is not valid UTF-8 here";
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return abbreviate(message);
	}

	static String abbreviate(@Nullable String text) {
		String single = String.valueOf(text).replaceAll("\\p{Cntrl}", " ");
		return (single.length() > 200) ? single.substring(0, 200) + "…" : single;
	}

}
