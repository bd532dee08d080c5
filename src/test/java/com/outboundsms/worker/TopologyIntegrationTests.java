package com.outboundsms.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.outboundsms.worker.IsolatedRun.RunNames;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker refuses to start on a request queue that exists with other arguments, and
 * says which queue and which argument.
 */
class TopologyIntegrationTests {

	private final TestServices services = TestServices.get();

	@Test
	void refusesToStartWhenTheRequestQueueExistsWithOtherArguments() {
		RunNames names = RunNames.named("osw-test-mismatch-" + UUID.randomUUID().toString().substring(0, 8));
		this.services.declareClassicQueue(names.requestQueue());
		try {
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(names))
				.satisfies((failure) -> assertThat(messages(failure)).containsPattern(
						"already exists with other arguments than the worker's: inequivalent arg 'x-[a-z-]+' for queue '"
								+ Pattern.quote(names.requestQueue()) + "'"));
		}
		finally {
			this.services.deleteTopology(names);
		}
	}

	private void start(RunNames names) {
		List<String> arguments = new ArrayList<>(this.services.arguments(names));
		arguments.addAll(List.of(
				"--spring.datasource.url=jdbc:h2:mem:" + names.schema() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"--twilio.account-sid=AC00000000000000000000000000000000", "--twilio.auth-token=unused",
				"--outbound-sms.backend=flex-legacy", "--twilio.proxy-service-sid=KS00000000000000000000000000000000",
				"--twilio.api-base-url=http://127.0.0.1:9"));
		new SpringApplicationBuilder(WorkerApplication.class).run(arguments.toArray(String[]::new)).close();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
