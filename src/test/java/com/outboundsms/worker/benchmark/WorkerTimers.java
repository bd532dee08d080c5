package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.faults.JavaProcess;

/**
 * The worker's own timers (its Prometheus endpoint) read before and after a figure, so
 * that the figure can say where a request's time went inside the worker: Twilio calls,
 * store operations, and the rest (intake, the result event and its confirm).
 */
final class WorkerTimers {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	/**
	 * A sample; its labels may hold braces themselves ({@code endpoint=".../{sid}/..."}).
	 */
	private static final Pattern SAMPLE = Pattern
		.compile("^(outbound_sms_(?:processing|twilio_calls|store)_seconds_(?:sum|count|bucket))(\\{.*})? (\\S+)$");

	private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

	private final URI endpoint;

	private final HttpClient http = HttpClient.newHttpClient();

	private WorkerTimers(int port) {
		this.endpoint = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
	}

	/** Reads the worker's port from its start-up line. */
	static WorkerTimers of(JavaProcess worker) {
		Matcher port = PORT.matcher(worker.output());
		if (!port.find()) {
			throw new IllegalStateException("the worker's log names no HTTP port");
		}
		return new WorkerTimers(Integer.parseInt(port.group(1)));
	}

	/** The timers now: every sum, count and processing bucket, summed over tags. */
	Snapshot read() throws IOException, InterruptedException {
		return parse(scrape());
	}

	/**
	 * A meter now, summed over its tags, such as the broker client's
	 * {@code rabbitmq_published_total}.
	 */
	double sum(String meter) throws IOException, InterruptedException {
		return scrape().lines()
			.filter((line) -> line.startsWith(meter + "{") || line.startsWith(meter + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private String scrape() throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(this.endpoint).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** The timers in Prometheus's text format: sums, counts and processing buckets. */
	static Snapshot parse(String text) {
		Map<String, Double> values = new HashMap<>();
		text.lines().map(SAMPLE::matcher).filter(Matcher::matches).forEach((sample) -> {
			String name = sample.group(1);
			if (name.endsWith("_bucket")) {
				if (!name.startsWith("outbound_sms_processing")) {
					return;
				}
				Matcher le = LE.matcher(sample.group(2));
				if (!le.find()) {
					return;
				}
				name = name + ":" + le.group(1);
			}
			values.merge(name, Double.parseDouble(sample.group(3)), Double::sum);
		});
		return new Snapshot(values);
	}

	/** The timers at one moment. */
	record Snapshot(Map<String, Double> values) {

		/**
		 * What happened between {@code before} and this snapshot, per settled request.
		 */
		String since(Snapshot before) {
			double requests = delta(before, "outbound_sms_processing_seconds_count");
			if (requests == 0) {
				return "no request settled";
			}
			double processing = perRequestMs(before, "outbound_sms_processing_seconds_sum", requests);
			double twilio = perRequestMs(before, "outbound_sms_twilio_calls_seconds_sum", requests);
			double store = perRequestMs(before, "outbound_sms_store_seconds_sum", requests);
			return String.format(Locale.ROOT,
					"mean %.1f ms in the worker per request = Twilio calls %.1f ms (%.1f calls) + store %.1f ms "
							+ "(%.1f operations) + the rest %.1f ms (intake, result event and its confirm);"
							+ " 99 %% of requests within %s ms",
					processing, twilio, delta(before, "outbound_sms_twilio_calls_seconds_count") / requests, store,
					delta(before, "outbound_sms_store_seconds_count") / requests, processing - twilio - store,
					p99Bound(before, requests));
		}

		private double perRequestMs(Snapshot before, String name, double requests) {
			return delta(before, name) * 1000 / requests;
		}

		private double delta(Snapshot before, String name) {
			return this.values.getOrDefault(name, 0.0) - before.values.getOrDefault(name, 0.0);
		}

		/** The smallest histogram bound that 99 % of the requests settled within. */
		private String p99Bound(Snapshot before, double requests) {
			TreeMap<Double, Double> cumulative = new TreeMap<>();
			this.values.keySet()
				.stream()
				.filter((key) -> key.startsWith("outbound_sms_processing_seconds_bucket:"))
				.forEach((key) -> {
					String bound = key.substring(key.indexOf(':') + 1);
					double le = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
					cumulative.put(le, delta(before, key));
				});
			return cumulative.entrySet()
				.stream()
				.filter((bucket) -> bucket.getValue() >= 0.99 * requests)
				.findFirst()
				.map((bucket) -> bucket.getKey().isInfinite() ? "∞"
						: String.format(Locale.ROOT, "%.0f", bucket.getKey() * 1000))
				.orElse("?");
		}

	}

}
