package com.outboundsms.worker.enqueue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON-lines file gives each line's bytes as they are, with its line number; blank
 * lines, line endings and the file's byte order mark are not part of a body.
 */
class JsonLinesTests {

	@Test
	void givesEachLineAsItIsWithItsNumber() throws IOException {
		List<FileRow> rows = read("{\"a\": 1}\r\n\n   \n{\"b\":\t2}\n{\"c\":3}");

		assertThat(rows).extracting(FileRow::line).containsExactly(1, 4, 5);
		assertThat(rows).extracting(JsonLinesTests::text).containsExactly("{\"a\": 1}", "{\"b\":\t2}", "{\"c\":3}");
		assertThat(rows).allSatisfy((row) -> assertThat(row.problems()).isEmpty());
	}

	@Test
	void dropsTheFilesByteOrderMarkOnly() throws IOException {
		List<FileRow> rows = read("\uFEFF{\"a\":1}\n\uFEFF{\"b\":2}\n");

		assertThat(rows).extracting(JsonLinesTests::text).containsExactly("{\"a\":1}", "\uFEFF{\"b\":2}");
	}

	@Test
	void keepsBytesThatAreNotUtf8ForTheWorkersRulesToName() throws IOException {
		byte[] file = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n' };
		List<FileRow> rows = new ArrayList<>();

		new JsonLines().read(new ByteArrayInputStream(file), rows::add);

		assertThat(rows).singleElement().satisfies((row) -> assertThat(row.body()).hasSize(9));
	}

	private static List<FileRow> read(String file) throws IOException {
		List<FileRow> rows = new ArrayList<>();
		new JsonLines().read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), rows::add);
		return rows;
	}

	private static String text(FileRow row) {
		return new String(row.body(), StandardCharsets.UTF_8);
	}

}
