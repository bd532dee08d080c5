package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads a file's rows, in order, into request bodies.
 */
interface RowSource {

	/**
	 * Reads every row.
	 * @param file the file's bytes
	 * @param action takes each row, in order
	 * @throws IOException if the file cannot be read
	 */
	void read(InputStream file, Consumer<FileRow> action) throws IOException;

}
