package com.outboundsms.worker.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How often the broker delivered each request again, read from the outcome lines of every
 * worker process's JSON log: for each attempt the most redeliveries any of its outcome
 * lines reports, summed over the request's attempts.
 */
final class Redeliveries {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OUTCOME_LOGGER = "com.outboundsms.worker.inbound.OutcomeLog";

	private Redeliveries() {
	}

	/**
	 * Redeliveries per request id.
	 * @param outputs the worker processes' outputs
	 * @return redeliveries by request id, for every request with an outcome line
	 */
	static Map<String, Integer> perRequest(List<String> outputs) {
		Map<String, Map<Integer, Integer>> byAttempt = new HashMap<>();
		for (String output : outputs) {
			output.lines().filter((line) -> line.startsWith("{") && line.contains(OUTCOME_LOGGER)).forEach((line) -> {
				JsonNode json = read(line);
				if (json != null && json.has("requestId") && json.has("redeliveries")) {
					byAttempt.computeIfAbsent(json.get("requestId").asString(), (id) -> new HashMap<>())
						.merge(Integer.parseInt(json.get("attempt").asString()),
								Integer.parseInt(json.get("redeliveries").asString()), Math::max);
				}
			});
		}
		Map<String, Integer> redeliveries = new HashMap<>();
		byAttempt.forEach(
				(id, attempts) -> redeliveries.put(id, attempts.values().stream().mapToInt(Integer::intValue).sum()));
		return redeliveries;
	}

	private static JsonNode read(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (JacksonException ex) {
			// a line cut short by a SIGKILL
			return null;
		}
	}

}
