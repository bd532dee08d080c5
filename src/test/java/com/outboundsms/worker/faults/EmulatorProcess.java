package com.outboundsms.worker.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.outboundsms.worker.emulator.EmulatorMain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The Twilio emulator in a process of its own (from the test classpath), driven through
 * its {@code /_emulator} control API, so that killing a worker never takes Twilio's state
 * with it.
 */
public final class EmulatorProcess implements AutoCloseable {

	public static final String ACCOUNT_SID = "AC00000000000000000000000000fa17";

	public static final String AUTH_TOKEN = "fault-suite-auth-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JavaProcess process;

	private final String baseUrl;

	private final String proxyServiceSid;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private EmulatorProcess(JavaProcess process, String baseUrl, String proxyServiceSid) {
		this.process = process;
		this.baseUrl = baseUrl;
		this.proxyServiceSid = proxyServiceSid;
	}

	/**
	 * Starts the emulator with a Flex Flow for each Twilio number.
	 * @param twilioNumbers the numbers to seed flows for
	 * @param log where its output goes
	 * @param threads requests it serves at once (its added latency holds a thread)
	 * @param heap its maximum heap, such as {@code 512m} (its request log grows)
	 * @return the running emulator
	 */
	public static EmulatorProcess start(List<String> twilioNumbers, Path log, int threads, String heap) {
		JavaProcess process = JavaProcess.start(
				List.of("-Xmx" + heap, "-Demulator.account-sid=" + ACCOUNT_SID, "-Demulator.auth-token=" + AUTH_TOKEN,
						"-Demulator.threads=" + threads, "-Demulator.flows=" + String.join(",", twilioNumbers)),
				List.of("-cp", JavaProcess.testClasspath(), EmulatorMain.class.getName()), log);
		String[] started = new String[2];
		await("the emulator to start").atMost(Duration.ofSeconds(60)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("the emulator exited: " + process.output());
			}
			List<String> lines = process.output().lines().toList();
			Optional<String> url = lines.stream().filter((line) -> line.startsWith("http://")).findFirst();
			Optional<String> proxy = lines.stream()
				.filter((line) -> line.startsWith("proxy-service "))
				.map((line) -> line.substring("proxy-service ".length()))
				.findFirst();
			if (url.isPresent() && proxy.isPresent()) {
				started[0] = url.get();
				started[1] = proxy.get();
				return true;
			}
			return false;
		});
		return new EmulatorProcess(process, started[0], started[1]);
	}

	public long pid() {
		return this.process.pid();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public String proxyServiceSid() {
		return this.proxyServiceSid;
	}

	/** Fails calls at random: Twilio's 503s and 429s, as a busy account sees them. */
	void failRandomly(double probability, int status, int code) {
		post("/_emulator/faults/fail-randomly",
				"Probability=" + probability + "&Status=" + status + "&Code=" + code + "&Message=injected");
	}

	void seed(long seed) {
		post("/_emulator/faults/seed", "Seed=" + seed);
	}

	public void resetFaults() {
		post("/_emulator/faults/reset", "");
	}

	/** Channels and sessions per pair of numbers. */
	JsonNode pairs() {
		return get("/_emulator/pairs");
	}

	public JsonNode summary() {
		return get("/_emulator/summary");
	}

	/** How many calls the emulator answered with each HTTP status. */
	Map<Integer, Long> statuses() {
		Map<Integer, Long> statuses = new TreeMap<>();
		get("/_emulator/requests").forEach((request) -> statuses.merge(request.get("status").asInt(), 1L, Long::sum));
		return statuses;
	}

	/** Adds this latency to every Twilio call. */
	public void latency(int millis) {
		post("/_emulator/faults/latency", "Millis=" + millis);
	}

	/** Answers 429/20429 above this many calls in flight. */
	public void concurrencyCap(int max) {
		post("/_emulator/faults/concurrency-cap", "Max=" + max);
	}

	/**
	 * Answers 429, as Twilio does, beyond the rates it documents for the worker's
	 * creates.
	 */
	public void documentedRates() {
		post("/_emulator/faults/documented-rates", "");
	}

	public void clearRequests() {
		send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/_emulator/requests")).DELETE());
	}

	/**
	 * Seeds many flows and open sessions at once.
	 * @return the flows' numbers
	 */
	public List<String> seed(int flows, String flowPrefix, int sessions, String customerPrefix) {
		String body = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/_emulator/seed"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("Flows=" + flows + "&FlowPrefix=" + encoded(flowPrefix)
					+ "&Sessions=" + sessions + "&CustomerPrefix=" + encoded(customerPrefix))));
		List<String> numbers = new java.util.ArrayList<>();
		JSON.readTree(body).get("flows").forEach((number) -> numbers.add(number.asString()));
		return numbers;
	}

	private static String encoded(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private void post(String path, String form) {
		send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private JsonNode get(String path) {
		String body = send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
		return JSON.readTree(body);
	}

	private String send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						"the emulator answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("the emulator did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.process.stop(5);
	}

}
