package com.outboundsms.worker;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.fail;

/**
 * The worker's console read as what it must be: one JSON object per line.
 *
 * @param lines every line, parsed
 */
record JsonLog(List<JsonNode> lines) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads the captured output.
	 * @param output the captured output
	 * @return the lines; the calling test fails on a line that is not a JSON object
	 */
	static JsonLog of(CapturedOutput output) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getAll().split("\\R")) {
			if (!line.isBlank()) {
				lines.add(parse(line));
			}
		}
		return new JsonLog(lines);
	}

	private static JsonNode parse(String line) {
		try {
			JsonNode json = JSON.readTree(line);
			if (!json.isObject()) {
				fail("not a JSON object: " + line);
			}
			return json;
		}
		catch (JacksonException ex) {
			return fail("not a JSON line: " + line);
		}
	}

	/**
	 * The lines written while processing a request.
	 * @param requestId the request id
	 * @return the lines whose {@code requestId} is that
	 */
	List<JsonNode> about(String requestId) {
		return this.lines.stream().filter((line) -> requestId.equals(line.path("requestId").asString())).toList();
	}

	/**
	 * The lines that say what became of a request.
	 * @param requestId the request id
	 * @return the request's lines with an {@code outcome}
	 */
	List<JsonNode> outcomes(String requestId) {
		return about(requestId).stream().filter((line) -> line.has("outcome")).toList();
	}

	/**
	 * Every string value of every line, unescaped, so that a search cannot miss a value
	 * that JSON escaping disguised.
	 * @return the values
	 */
	List<String> values() {
		List<String> values = new ArrayList<>();
		this.lines.forEach((line) -> collect(line, values));
		return values;
	}

	private static void collect(JsonNode node, List<String> values) {
		if (node.isString()) {
			values.add(node.asString());
		}
		node.forEach((child) -> collect(child, values));
		node.propertyNames().forEach(values::add);
	}

}
