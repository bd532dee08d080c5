package com.outboundsms.worker.enqueue;

import java.util.List;

import com.outboundsms.worker.inbound.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * One row of a file, turned into the body that would be published, with what stood in the
 * way of reading it.
 *
 * @param line the line the row starts on, from 1
 * @param body the request body, {@code null} when the row could not be read at all
 * @param problems what could not be read (a cell that is not JSON, a missing column);
 * empty when the row was read as it is
 */
record FileRow(int line, byte @Nullable [] body, List<FieldError> problems) {

	static FileRow read(int line, byte[] body) {
		return new FileRow(line, body, List.of());
	}

	static FileRow unreadable(int line, String field, String problem) {
		return new FileRow(line, null, List.of(new FieldError(field, problem)));
	}

}
