package com.outboundsms.worker.enqueue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a JSON-lines file: each line's bytes are a request body exactly as a producer
 * would publish it (a trailing carriage return aside); blank lines are skipped, and a
 * byte order mark at the start of the file, which marks the file rather than the first
 * request, is dropped.
 */
class JsonLines implements RowSource {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@Override
	public void read(InputStream file, Consumer<FileRow> action) throws IOException {
		InputStream in = new BufferedInputStream(file);
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int number = 1;
		for (int next = in.read(); next != -1; next = in.read()) {
			if (next == '\n') {
				emit(number, line.toByteArray(), action);
				line.reset();
				number++;
			}
			else {
				line.write(next);
			}
		}
		if (line.size() > 0) {
			emit(number, line.toByteArray(), action);
		}
	}

	private static void emit(int number, byte[] line, Consumer<FileRow> action) {
		byte[] body = line;
		if (number == 1 && startsWithBom(body)) {
			body = Arrays.copyOfRange(body, BOM.length, body.length);
		}
		if (body.length > 0 && body[body.length - 1] == '\r') {
			body = Arrays.copyOf(body, body.length - 1);
		}
		if (!blank(body)) {
			action.accept(FileRow.read(number, body));
		}
	}

	private static boolean startsWithBom(byte[] line) {
		return line.length >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
	}

	private static boolean blank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\t' && b != '\r') {
				return false;
			}
		}
		return true;
	}

}
