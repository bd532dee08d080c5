package com.outboundsms.worker.ops;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.TestWorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds the Grafana dashboard and the Prometheus alert rules to the code: every metric a
 * panel or an alert queries is exported by a worker that has done its work (the sandbox's
 * sample requests, and one request retried), as {@code /actuator/prometheus} shows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardIntegrationTests {

	static final Path DASHBOARD = Path.of("ops/grafana/dashboards/outbound-sms-worker.json");

	static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");

	private final TestServices services = TestServices.get();

	private final RunNames names = RunNames.named("osw-test-dashboard-" + UUID.randomUUID().toString().substring(0, 8));

	private ConfigurableApplicationContext worker;

	private Exposition scrape;

	@BeforeAll
	void runTheSandboxAndScrapeIt(@TempDir Path data) throws Exception {
		int emulatorPort = freePort();
		List<String> arguments = new ArrayList<>(this.services.arguments(this.names));
		arguments.addAll(List.of(
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("outbound-sms")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--sandbox.emulator-port=" + emulatorPort, "--outbound-sms.backlog.read-interval=250ms"));
		this.worker = TestWorkerApplication.sandbox().run(arguments.toArray(String[]::new)).getApplicationContext();
		String worker = "http://127.0.0.1:" + this.worker.getEnvironment().getProperty("local.server.port");
		String prometheus = worker + "/actuator/prometheus";
		// the five sample requests settled
		await().atMost(Duration.ofSeconds(30))
			.until(() -> new Exposition(get(prometheus)).sum("outbound_sms_requests_total") >= 5);
		// and one more, whose first attempt Twilio
		// answers with 503, so a retry is counted
		post("http://127.0.0.1:" + emulatorPort + "/_emulator/faults/fail-next",
				"Method=POST&PathRegex=/flex-api/v1/Interactions&Status=503&Code=20003&Message=Unavailable");
		post(worker + "/v1/outbound-sms",
				"{\"requestId\":\"dashboard-retried\",\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552698\",\"toName\":\"Retried\"}");
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Exposition scraped = new Exposition(get(prometheus));
			return scraped.sum("outbound_sms_requests_total") >= 6 && scraped.sum("outbound_sms_retries_total") >= 1;
		});
		this.scrape = new Exposition(get(prometheus));
	}

	@AfterAll
	void stopTheWorker() {
		if (this.worker != null) {
			this.worker.close();
		}
		this.services.deleteTopology(this.names);
	}

	@Test
	void everyPanelQueriesOnlyMetricsTheWorkerExports() throws IOException {
		Map<String, Set<String>> queried = panelQueries();

		assertThat(queried).as("panels with queries").isNotEmpty();
		assertThat(queried).allSatisfy(
				(panel, metrics) -> assertThat(metrics).as("metrics queried by panel '%s'", panel).isNotEmpty());
		assertThat(missing(queried)).as("metrics queried but not exported, by panel").isEmpty();
	}

	@Test
	void everyAlertQueriesOnlyMetricsTheWorkerExports() throws IOException {
		Map<String, Set<String>> queried = alertQueries();

		assertThat(queried.keySet()).as("alerts")
			.contains("OutboundSmsDeadLettersGrowing", "OutboundSmsFailureRatioHigh", "OutboundSmsConsumptionPaused",
					"OutboundSmsTwilioThrottled", "OutboundSmsBacklogOld", "OutboundSmsBulkBacklogOld");
		assertThat(missing(queried)).as("metrics queried but not exported, by alert").isEmpty();
	}

	@Test
	void theDashboardShowsTheTwilioConcurrencyLimitAndTheCallsInFlight() throws IOException {
		Set<String> queried = new TreeSet<>();
		panelQueries().values().forEach(queried::addAll);

		assertThat(queried).contains("outbound_sms_twilio_concurrency_limit", "outbound_sms_twilio_inflight");
		assertThat(this.scrape.sampleNames()).contains("outbound_sms_twilio_concurrency_limit",
				"outbound_sms_twilio_inflight");
	}

	@Test
	void theDashboardShowsTheTwoLanesSideBySide() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<JsonNode> interactive = new ArrayList<>();
		Map<Integer, JsonNode> bulkByRow = new LinkedHashMap<>();
		for (JsonNode panel : dashboard.path("panels")) {
			String queries = queries(panel);
			if (queries.contains("lane=\"interactive\"")) {
				interactive.add(panel);
			}
			else if (queries.contains("lane=\"bulk\"")) {
				bulkByRow.put(panel.path("gridPos").path("y").asInt(), panel);
			}
		}

		assertThat(interactive).hasSizeGreaterThanOrEqualTo(2).allSatisfy((panel) -> {
			JsonNode bulk = bulkByRow.get(panel.path("gridPos").path("y").asInt());
			assertThat(bulk).as("the bulk lane's panel next to %s", panel.path("title").asString()).isNotNull();
			assertThat(panel.path("gridPos").path("x").asInt()).isZero();
			assertThat(bulk.path("gridPos").path("x").asInt()).isEqualTo(12);
			assertThat(queries(bulk)).isEqualTo(queries(panel).replace("lane=\"interactive\"", "lane=\"bulk\"")
				.replace("queue=\"requests\"", "queue=\"bulk-requests\""));
		});
	}

	private static String queries(JsonNode panel) {
		List<String> queries = new ArrayList<>();
		panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString()));
		return String.join("\n", queries);
	}

	private Map<String, Set<String>> missing(Map<String, Set<String>> queried) {
		Set<String> exported = this.scrape.sampleNames();
		Map<String, Set<String>> missing = new LinkedHashMap<>();
		queried.forEach((source, metrics) -> metrics.stream()
			.filter((metric) -> !exported.contains(metric))
			.forEach((metric) -> missing.computeIfAbsent(source, (key) -> new TreeSet<>()).add(metric)));
		return missing;
	}

	/**
	 * The metrics each panel (and the template variables) queries, by title.
	 */
	static Map<String, Set<String>> panelQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		Map<String, Set<String>> queried = new LinkedHashMap<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queried.computeIfAbsent(panel.path("title").asString(), (title) -> new TreeSet<>())
					.addAll(PromQl.metricNames(target.path("expr").asString()));
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			queried.put("variable $" + variable.path("name").asString(),
					PromQl.metricNames(variable.path("query").path("query").asString()));
		}
		return queried;
	}

	/**
	 * The metrics each alert rule queries, by alert name.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Set<String>> alertQueries() throws IOException {
		Map<String, Set<String>> queried = new LinkedHashMap<>();
		try (Reader reader = Files.newBufferedReader(ALERTS)) {
			Map<String, Object> file = new Yaml().load(reader);
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					queried.put((String) rule.get("alert"), PromQl.metricNames((String) rule.get("expr")));
				}
			}
		}
		return queried;
	}

	private static String get(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static void post(String url, String body) throws IOException, InterruptedException {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
				// the sandbox's static API token, for the HTTP door
				.header("Authorization", "Bearer sandbox-only-http-token")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as("POST %s: %s", url, answer.body()).isBetween(200, 299);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
