package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.inbound.RequestValidator;
import com.outboundsms.worker.inbound.RequestValidator.Verdict;

/**
 * A file of requests, read twice: once to check every row with the worker's own rules
 * (and that no two rows have the same request id), then again to hand the rows over for
 * publishing, each compared with the first reading so that a file changed in between
 * publishes nothing it was not checked for. Only the request ids are kept in memory.
 */
class RequestFile {

	private static final String DERIVED_ID_PREFIX = "sha256:";

	private final Path path;

	private final RowSource rows;

	private final RequestValidator validator;

	private final Map<String, Integer> lineById = new HashMap<>();

	RequestFile(Path path, RowSource rows, RequestValidator validator) {
		this.path = path;
		this.rows = rows;
		this.validator = validator;
	}

	/**
	 * Reads and checks every row.
	 * @return the number of rows and the invalid ones
	 * @throws IOException if the file cannot be read
	 */
	FileCheck check() throws IOException {
		this.lineById.clear();
		List<InvalidRow> invalid = new ArrayList<>();
		int[] count = new int[1];
		readEach((row) -> {
			count[0]++;
			List<FieldError> errors = new ArrayList<>(row.problems());
			String requestId = null;
			if (row.body() != null) {
				Verdict verdict = this.validator.check(row.body());
				errors.addAll(verdict.errors());
				requestId = verdict.requestId();
			}
			if (errors.isEmpty()) {
				Integer earlier = this.lineById.putIfAbsent(requestId, row.line());
				if (earlier != null) {
					errors.add(duplicate(requestId, earlier));
				}
			}
			if (!errors.isEmpty()) {
				invalid.add(new InvalidRow(row.line(), List.copyOf(errors)));
			}
		});
		return new FileCheck(count[0], List.copyOf(invalid));
	}

	/**
	 * Reads the rows again, after a {@link #check()} that found none invalid.
	 * @param action takes each request, in the file's order
	 * @throws IOException if the file cannot be read
	 * @throws FileChanged if a row is not what the check read
	 */
	void forEachRequest(Consumer<FileRequest> action) throws IOException {
		int[] count = new int[1];
		readEach((row) -> {
			count[0]++;
			Verdict verdict = (row.body() != null && row.problems().isEmpty()) ? this.validator.check(row.body())
					: null;
			if (verdict == null || !verdict.valid()
					|| !Integer.valueOf(row.line()).equals(this.lineById.get(verdict.requestId()))) {
				throw new FileChanged("line " + row.line() + " of " + this.path + " changed since it was checked");
			}
			action.accept(new FileRequest(row.line(), verdict.requestId(), row.body()));
		});
		if (count[0] != this.lineById.size()) {
			throw new FileChanged(this.path + " changed since it was checked: it had " + this.lineById.size()
					+ " rows, now " + count[0]);
		}
	}

	/**
	 * A row without {@code requestId} repeats an earlier one word for word, since its id
	 * is its body's digest; a row with one repeats the earlier one's id.
	 */
	private static FieldError duplicate(String requestId, int earlierLine) {
		String consequence = ": the worker would take both rows as one request";
		if (requestId.startsWith(DERIVED_ID_PREFIX)) {
			return new FieldError("row",
					"is the same as line " + earlierLine + " (request id " + requestId + ")" + consequence);
		}
		return new FieldError("requestId", requestId + " is also line " + earlierLine + "'s" + consequence);
	}

	private void readEach(Consumer<FileRow> action) throws IOException {
		try (InputStream in = Files.newInputStream(this.path)) {
			this.rows.read(in, action);
		}
	}

	/**
	 * What the check found.
	 *
	 * @param rows how many rows the file has
	 * @param invalid the rows the worker would refuse, in the file's order
	 */
	record FileCheck(int rows, List<InvalidRow> invalid) {

	}

	/**
	 * A row the worker would refuse.
	 *
	 * @param line the line it starts on
	 * @param errors every broken rule
	 */
	record InvalidRow(int line, List<FieldError> errors) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("line ").append(this.line).append(':');
			this.errors.forEach((error) -> text.append("\n    ").append(error));
			return text.toString();
		}

	}

	/**
	 * The file is not what was checked: nothing more is published.
	 */
	static final class FileChanged extends RuntimeException {

		FileChanged(String message) {
			super(message);
		}

	}

}
