package com.outboundsms.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published request schema accepts the sandbox's sample requests that the worker
 * accepts, and refuses the one it refuses for a reason a schema can express.
 */
class ContractSchemaTests {

	@Test
	void requestSchemaAgreesWithTheSampleRequests() throws IOException {
		List<String> samples = Files.readAllLines(Path.of("src/test/resources/sandbox/sample-requests.jsonl"));

		assertThat(ContractSchemas.requestViolations(bytes(sample(samples, "sample-reminder")))).isEmpty();
		assertThat(ContractSchemas.requestViolations(bytes(sample(samples, "sample-created")))).isEmpty();
		assertThat(ContractSchemas.requestViolations(bytes(sample(samples, "sample-expired")))).isEmpty();
		assertThat(ContractSchemas.requestViolations(bytes(sample(samples, "sample-reused")))).isEmpty();
		assertThat(ContractSchemas.requestViolations(bytes(sample(samples, "sample-invalid"))))
			.anySatisfy((violation) -> assertThat(violation).contains("toName"));
	}

	@Test
	void requestSchemaAcceptsTheBodyTheOriginalFunctionAccepted() {
		String body = "{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"toNumber\":\"+14155552671\",\"sourceChatChannelSid\":null,\"extra\":1}";

		assertThat(ContractSchemas.requestViolations(bytes(body))).isEmpty();
	}

	@Test
	void requestSchemaHasTheSendTimesTheIntakeReads() {
		String body = "{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"toNumber\":\"+14155552671\","
				+ "\"notBefore\":\"2026-12-07T15:00:00Z\",\"notAfter\":\"2026-12-07T18:00:00+01:00\"}";
		String numbers = body.replace("\"2026-12-07T15:00:00Z\"", "1765119600");

		assertThat(ContractSchemas.requestViolations(bytes(body))).isEmpty();
		assertThat(ContractSchemas.requestViolations(bytes(numbers)))
			.anySatisfy((violation) -> assertThat(violation).contains("notBefore"));
		assertThat(ContractSchemas.requestViolations(bytes(body.replace("2026-12-07T15:00:00Z", "tomorrow"))))
			.anySatisfy((violation) -> assertThat(violation).contains("notBefore"));
	}

	private static String sample(List<String> samples, String requestId) {
		return samples.stream().filter((line) -> line.contains("\"" + requestId + "\"")).findFirst().orElseThrow();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
