package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.outboundsms.worker.enqueue.RequestFile.FileChanged;
import com.outboundsms.worker.enqueue.RequestFile.FileCheck;
import com.outboundsms.worker.enqueue.RequestFile.InvalidRow;
import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.inbound.RequestValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checking a file finds every invalid row with every broken rule and its line, and rows
 * that would be one request; reading it again gives each row's stable request id and its
 * body, and notices a file changed in between.
 */
class RequestFileTests {

	private static final String HEADER = "requestId,fromNumber,toNumber,toName,initialNotificationMessage\n";

	static final RequestValidator VALIDATOR = RequestValidator
		.of(new InboundProperties("outbound-sms", "request", "outbound-sms.requests", "request.bulk",
				"outbound-sms.requests.bulk", 20, DataSize.ofKilobytes(64), "US", 8, null, null, null, 8));

	@TempDir
	Path directory;

	@Test
	void findsEveryInvalidRowWithEveryBrokenRule() throws IOException {
		Path file = write("campaign.csv",
				HEADER + ",+15005550006,+14155552671,Ann,Hi\n" + "bad id!,+15005550006,12,,Hi\n"
						+ ",+15005550006,+14155552673,Cy,\n" + ",+15005550006,+14155552674,,\n");

		FileCheck check = csv(file).check();

		assertThat(check.rows()).isEqualTo(4);
		assertThat(check.invalid()).extracting(InvalidRow::line).containsExactly(3, 5);
		assertThat(check.invalid().get(0).errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("requestId", "toNumber", "toName");
		assertThat(check.invalid().get(1).errors()).containsExactly(new FieldError("toName", "is required"));
		assertThat(check.invalid().get(1)).hasToString("line 5:\n    toName: is required");
	}

	@Test
	void givesRowsWithoutRequestIdTheDigestOfTheirBodyAndKeepsTheOthersOwn() throws Exception {
		Path file = write("campaign.csv",
				HEADER + ",+15005550006,+14155552671,Ann,Hi\n" + "crm-7,+15005550006,+14155552672,Bob,\n");
		RequestFile requests = csv(file);

		assertThat(requests.check().invalid()).isEmpty();
		List<FileRequest> read = readAll(requests);

		String annBody = "{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"toName\":\"Ann\",\"initialNotificationMessage\":\"Hi\"}";
		assertThat(read).extracting(FileRequest::line).containsExactly(2, 3);
		assertThat(new String(read.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(annBody);
		assertThat(read.get(0).requestId()).isEqualTo(sha256(annBody));
		assertThat(read.get(1).requestId()).isEqualTo("crm-7");
	}

	@Test
	void givesTheSameIdsEveryTimeTheFileIsRead() throws IOException {
		Path file = write("campaign.jsonl",
				"{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"toName\":\"A\"}\n"
						+ "{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552672\",\"toName\":\"B\"}\n");

		RequestFile first = new RequestFile(file, new JsonLines(), VALIDATOR);
		first.check();
		RequestFile second = new RequestFile(file, new JsonLines(), VALIDATOR);
		second.check();

		assertThat(readAll(first)).extracting(FileRequest::requestId)
			.containsExactlyElementsOf(readAll(second).stream().map(FileRequest::requestId).toList())
			.allSatisfy((id) -> assertThat(id).startsWith("sha256:"));
	}

	@Test
	void refusesTwoRowsTheWorkerWouldTakeAsOneRequest() throws IOException {
		Path file = write("campaign.csv",
				HEADER + ",+15005550006,+14155552671,Ann,Hi\n" + "crm-1,+15005550006,+14155552672,Bob,\n"
						+ ",+15005550006,+14155552671,Ann,Hi\n" + "crm-1,+15005550006,+14155552673,Cy,\n");

		FileCheck check = csv(file).check();

		assertThat(check.invalid()).extracting(InvalidRow::line).containsExactly(4, 5);
		assertThat(check.invalid().get(0).errors().get(0)).satisfies((error) -> {
			assertThat(error.field()).isEqualTo("row");
			assertThat(error.problem()).startsWith("is the same as line 2 (request id sha256:")
				.endsWith("): the worker would take both rows as one request");
		});
		assertThat(check.invalid().get(1).errors().get(0).problem()).startsWith("crm-1 is also line 3's");
	}

	@Test
	void noticesAFileChangedSinceItWasChecked() throws IOException {
		Path file = write("campaign.csv", HEADER + ",+15005550006,+14155552671,Ann,Hi\n");
		RequestFile requests = csv(file);
		requests.check();
		Files.writeString(file, HEADER + ",+15005550006,+14155552671,Ann,Hello\n");

		assertThatExceptionOfType(FileChanged.class).isThrownBy(() -> readAll(requests))
			.withMessageContaining("line 2 of");
	}

	@Test
	void noticesRowsAddedSinceTheCheck() throws IOException {
		Path file = write("campaign.csv", HEADER + ",+15005550006,+14155552671,Ann,Hi\n");
		RequestFile requests = csv(file);
		requests.check();
		Files.writeString(file, HEADER + ",+15005550006,+14155552671,Ann,Hi\n,+15005550006,+14155552672,Bo,\n");

		assertThatExceptionOfType(FileChanged.class).isThrownBy(() -> readAll(requests));
	}

	private RequestFile csv(Path file) {
		return new RequestFile(file, new CsvRows(), VALIDATOR);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

	private static List<FileRequest> readAll(RequestFile file) throws IOException {
		List<FileRequest> requests = new ArrayList<>();
		file.forEachRequest(requests::add);
		return requests;
	}

	private static String sha256(String body) throws NoSuchAlgorithmException {
		return "sha256:" + HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
	}

}
