package com.outboundsms.worker.sandbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.TestWorkerApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sandbox mode as a new user sees it: the worker starts against its own Twilio emulator
 * and an embedded database file, publishes the sample requests, and logs their result
 * events; a request posted to the worker's HTTP door with the sandbox's API token is
 * processed too. It runs the worker as {@code mvn spring-boot:test-run@sandbox} does.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxIntegrationTests {

	private final TestServices services = TestServices.get();

	@TempDir
	Path data;

	@Test
	void showsTheWholeJobOnFlexConversationsByDefault(CapturedOutput output) throws Exception {
		RunNames names = RunNames.named("osw-test-sandbox-" + UUID.randomUUID().toString().substring(0, 8));
		try (ConfigurableApplicationContext worker = start(names, null)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
						"Result event \\[result.created\\]: \\{\"requestId\":\"sample-reminder-[0-9]+\",\"mode\":\"notify\",\"outcome\":\"CREATED\",\"backend\":\"flex-conversations\".*\"conversationSid\":\"(CH[0-9a-f]{32})\",\"messageSid\":\"IM")
					.containsPattern(
							"Result event \\[result.reused\\]: \\{\"requestId\":\"sample-reused-[0-9]+\",\"outcome\":\"REUSED\",\"backend\":\"flex-conversations\"")
					.contains("Result event [result.failed]: {\"requestId\":\"sample-invalid-")
					.contains("Result event [result.expired]: {\"requestId\":\"sample-expired-"));
			// the task request for the reminded customer made the agent's task on the
			// reminder's conversation
			assertThat(sids(output.getOut(), "sample-created", "conversationSid"))
				.isEqualTo(sids(output.getOut(), "sample-reminder", "conversationSid"));
			assertThat(sids(output.getOut(), "sample-created", "interactionSid")).startsWith("KD");

			assertThat(this.data.resolve("outbound-sms.mv.db")).exists();
			String actuator = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port")
					+ "/actuator/";
			HttpResponse<String> health = get(actuator + "health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"backend\":\"flex-conversations\"")
				.doesNotContain("sandbox-only-token");
			assertThat(get(actuator + "env").statusCode()).isEqualTo(404);
			assertThat(get(actuator + "prometheus").body())
				.contains("outbound_sms_requests_total{code=\"none\",lane=\"interactive\",outcome=\"created\"}");
			assertThat(get(actuator + "configprops").statusCode()).isEqualTo(404);
			HttpResponse<String> door = door(worker);
			assertThat(door.statusCode()).isEqualTo(200);
			assertThat(door.body()).contains("\"outcome\":\"CREATED\"").contains("\"conversationSid\":\"CH");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("Result event [result.created]: {\"requestId\":\"door-1\""));
		}
		finally {
			this.services.deleteTopology(names);
		}
	}

	@Test
	void runsTheFlexLegacyBackendToo(CapturedOutput output) throws Exception {
		RunNames names = RunNames.named("osw-test-sandbox-" + UUID.randomUUID().toString().substring(0, 8));
		try (ConfigurableApplicationContext worker = start(names, "flex-legacy")) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
						"Result event \\[result.created\\]: \\{\"requestId\":\"sample-reminder-[0-9]+\",\"mode\":\"notify\",\"outcome\":\"CREATED\",\"backend\":\"flex-legacy\"")
					.contains("Result event [result.created]: {\"requestId\":\"sample-created-")
					.contains("Result event [result.reused]: {\"requestId\":\"sample-reused-")
					.contains("Result event [result.failed]: {\"requestId\":\"sample-invalid-")
					.contains("Result event [result.expired]: {\"requestId\":\"sample-expired-"));
			// the escalation's task is on the reminder's channel
			assertThat(sids(output.getOut(), "sample-created", "chatChannelSid"))
				.isEqualTo(sids(output.getOut(), "sample-reminder", "chatChannelSid"));
			assertThat(sids(output.getOut(), "sample-created", "taskSid")).startsWith("WT");
			HttpResponse<String> health = get("http://127.0.0.1:"
					+ worker.getEnvironment().getProperty("local.server.port") + "/actuator/health");
			assertThat(health.body()).contains("\"backend\":\"flex-legacy\"");
			HttpResponse<String> door = door(worker);
			assertThat(door.statusCode()).isEqualTo(200);
			assertThat(door.body()).contains("\"outcome\":\"CREATED\"").contains("\"proxySession\":{\"sid\":\"KC");
		}
		finally {
			this.services.deleteTopology(names);
		}
	}

	private static HttpResponse<String> door(ConfigurableApplicationContext worker)
			throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port")
						+ "/v1/outbound-sms?wait=10s"))
				.header("Authorization", "Bearer sandbox-only-http-token")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"requestId\":\"door-1\",\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552698\",\"toName\":\"Door\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A SID from the logged result event of a sample request. */
	private static String sids(String log, String sample, String field) {
		Matcher matcher = Pattern
			.compile("\"requestId\":\"" + sample + "-[0-9]+\".*?\"" + field + "\":\"([A-Za-z0-9]+)\"")
			.matcher(log);
		assertThat(matcher.find()).as("%s of %s in the log", field, sample).isTrue();
		return matcher.group(1);
	}

	private ConfigurableApplicationContext start(RunNames names, @Nullable String backend) throws IOException {
		List<String> arguments = new ArrayList<>(this.services.arguments(names));
		arguments.addAll(List.of(
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("outbound-sms")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--sandbox.emulator-port=" + freePort()));
		if (backend != null) {
			arguments.add("--outbound-sms.backend=" + backend);
		}
		// logging is set up by the first application of a JVM and kept while one runs,
		// and other tests' workers (JSON lines) may still run in this one: let the
		// sandbox set up its own, as it does in a JVM of its own
		LoggingSystem.get(SandboxIntegrationTests.class.getClassLoader()).cleanUp();
		return TestWorkerApplication.sandbox().run(arguments.toArray(String[]::new)).getApplicationContext();
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
