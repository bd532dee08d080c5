package com.outboundsms.worker.enqueue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.outboundsms.worker.inbound.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV file's rows become request bodies: fields in the contract's order whatever the
 * columns' order, empty cells left out, nested objects from JSON columns and dotted
 * columns, line numbers where rows start; and what cannot be read is said, by line.
 */
class CsvRowsTests {

	@Test
	void writesTheFieldsInTheContractsOrderAndLeavesEmptyCellsOut() throws IOException {
		List<FileRow> rows = read("""
				toName,toNumber,initialNotificationMessage,fromNumber,requestId
				"Doe, Jane",+14155552671,,+15005550006,crm-1
				""");

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.line()).isEqualTo(2);
			assertThat(row.problems()).isEmpty();
			assertThat(text(row)).isEqualTo(
					"{\"requestId\":\"crm-1\",\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"toName\":\"Doe, Jane\"}");
		});
	}

	@Test
	void readsTheTargetWorkerSidColumnIntoItsPlaceInTheBody() throws IOException {
		List<FileRow> rows = read("""
				targetWorkerSid,fromNumber,toNumber,toName,metadata.campaign
				WK0123456789abcdef0123456789abcdef,+15005550006,+14155552671,Jane,spring
				""");

		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(text(row)).isEqualTo("{\"fromNumber\":\"+15005550006\",\"toNumber\":"
					+ "\"+14155552671\",\"toName\":\"Jane\",\"targetWorkerSid\":\"WK0123456789abcdef0123456789abcdef\","
					+ "\"metadata\":{\"campaign\":\"spring\"}}"));
	}

	@Test
	void makesTheSameBodyWhateverTheColumnsOrder() throws IOException {
		FileRow one = read("fromNumber,toNumber,toName,metadata.b,metadata.a\n+15005550006,+14155552671,Jane,2,1\n")
			.get(0);
		FileRow other = read("metadata.a,toName,metadata.b,toNumber,fromNumber\n1,Jane,2,+14155552671,+15005550006\n")
			.get(0);

		assertThat(text(one)).isEqualTo(text(other));
	}

	@Test
	void readsNestedObjectsFromJsonColumnsAndDottedColumns() throws IOException {
		List<FileRow> rows = read(
				"""
						fromNumber,toNumber,toName,taskAttributes,metadata,metadata.campaign
						+15005550006,+14155552671,Jane,"{""priority"": 5, ""tags"": [""vip""], ""ratio"": 1.10}","{""ticketId"":""4711""}",spring
						""");

		assertThat(text(rows.get(0))).endsWith(
				"\"taskAttributes\":{\"priority\":5,\"tags\":[\"vip\"],\"ratio\":1.10},\"metadata\":{\"ticketId\":\"4711\",\"campaign\":\"spring\"}}");
	}

	@Test
	void saysWhichCellIsNotJsonAndStillWritesTheRest() throws IOException {
		List<FileRow> rows = read("""
				fromNumber,toNumber,toName,taskAttributes,metadata,metadata.ticketId
				+15005550006,+14155552671,Jane,{priority: 5},"{""ticketId"":""1""}",2
				""");

		FileRow row = rows.get(0);
		assertThat(row.problems()).extracting(FieldError::field).containsExactly("taskAttributes", "metadata.ticketId");
		assertThat(row.problems().get(0).problem()).startsWith("is not JSON");
		assertThat(row.problems().get(1).problem()).isEqualTo("is also in the metadata column");
		assertThat(text(row)).contains("\"toName\":\"Jane\"").doesNotContain("taskAttributes");
	}

	@Test
	void givesTheLineWhereEachRowStarts() throws IOException {
		List<FileRow> rows = read("fromNumber,toNumber,toName,initialNotificationMessage\r\n"
				+ "+15005550006,+14155552671,Ann,\"Hello,\r\nAnn\"\r\n" + "\r\n"
				+ "+15005550006,+14155552672,Bob,\"Dear\nBob,\n\nhi\"\n" + "+15005550006,+14155552673,Cy,Hi");

		assertThat(rows).extracting(FileRow::line).containsExactly(2, 5, 9);
		assertThat(text(rows.get(0))).contains("\"initialNotificationMessage\":\"Hello,\\r\\nAnn\"");
	}

	@Test
	void refusesARowOfTheWrongWidth() throws IOException {
		List<FileRow> rows = read("fromNumber,toNumber,toName\n+15005550006,+14155552671\n+15005550006,+1415,A,B\n");

		assertThat(rows).extracting(FileRow::line).containsExactly(2, 3);
		assertThat(rows).allSatisfy((row) -> assertThat(row.body()).isNull());
		assertThat(rows.get(0).problems())
			.containsExactly(new FieldError("row", "has 2 values, the header names 3 columns"));
	}

	@Test
	void refusesAHeaderWithUnknownOrMissingColumns() throws IOException {
		List<FileRow> rows = read(
				"fromNumber,toname,toName,initialNotificationMesage\n+15005550006,x,+14155552671,A\n");

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.line()).isEqualTo(1);
			assertThat(row.problems()).extracting(FieldError::problem)
				.satisfiesExactly((problem) -> assertThat(problem).startsWith("unknown column 'toname'"),
						(problem) -> assertThat(problem).startsWith("unknown column 'initialNotificationMesage'"),
						(problem) -> assertThat(problem).isEqualTo("has no column toNumber"));
		});
	}

	@Test
	void refusesAFileWithoutHeader() throws IOException {
		assertThat(read("")).singleElement()
			.satisfies((row) -> assertThat(row.problems().get(0).problem()).startsWith("is missing"));
	}

	@Test
	void refusesADuplicateColumn() throws IOException {
		assertThat(read("fromNumber,toNumber,toName,toName\n")).singleElement()
			.satisfies((row) -> assertThat(row.problems().get(0).field()).isEqualTo("header"));
	}

	@Test
	void readsAHeaderAfterTheByteOrderMarkSpreadsheetsWrite() throws IOException {
		List<FileRow> rows = read("\uFEFFfromNumber,toNumber,toName\n+15005550006,+14155552671,Jane\n");

		assertThat(rows).singleElement().satisfies((row) -> assertThat(row.problems()).isEmpty());
	}

	@Test
	void stopsAtARowItCannotFindTheEndOf() throws IOException {
		List<FileRow> rows = read("fromNumber,toNumber,toName\n+15005550006,+14155552671,Jane\n"
				+ "+15005550006,+14155552672,\"Bob\n+15005550006,+14155552673,Cy\n");

		assertThat(rows).hasSize(2);
		assertThat(rows.get(1).body()).isNull();
		assertThat(rows.get(1).problems().get(0).problem()).startsWith("cannot be read, nor anything after it");
	}

	@Test
	void refusesBytesThatAreNotUtf8() throws IOException {
		byte[] file = "fromNumber,toNumber,toName\n+15005550006,+14155552671,J\u00e9\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		List<FileRow> rows = new ArrayList<>();

		new CsvRows().read(new ByteArrayInputStream(file), rows::add);

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.body()).isNull();
			assertThat(row.problems().get(0).problem()).contains("not valid UTF-8");
		});
	}

	private static List<FileRow> read(String file) throws IOException {
		List<FileRow> rows = new ArrayList<>();
		new CsvRows().read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), rows::add);
		return rows;
	}

	private static String text(FileRow row) {
		return new String(row.body(), StandardCharsets.UTF_8);
	}

}
