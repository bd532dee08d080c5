package com.outboundsms.worker.emulator.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of Twilio's OpenAPI specs, read from {@code src/test/resources/twilio-oai}, and the
 * check that a JSON body has exactly a schema's properties with the schema's types.
 */
public final class OpenApiSpec {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

	private final JsonNode root;

	private OpenApiSpec(JsonNode root) {
		this.root = root;
	}

	public static OpenApiSpec load(String fileName) {
		try (InputStream in = OpenApiSpec.class.getResourceAsStream("/twilio-oai/" + fileName)) {
			if (in == null) {
				throw new IllegalStateException("No spec " + fileName + " on the test classpath");
			}
			return new OpenApiSpec(JSON.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the JSON schema of an operation's response, failing when the spec has no
	 * such response.
	 */
	public JsonNode responseSchema(String path, String method, int status) {
		JsonNode response = this.root.path("paths")
			.path(path)
			.path(method)
			.path("responses")
			.path(String.valueOf(status));
		JsonNode schema = response.path("content").path("application/json").path("schema");
		if (schema.isMissingNode()) {
			throw new IllegalArgumentException(
					"The spec has no " + status + " JSON response for " + method + " " + path);
		}
		return resolve(schema);
	}

	public JsonNode schema(String name) {
		return resolve(this.root.path("components").path("schemas").path(name));
	}

	/**
	 * Lists how a value departs from a schema: missing or extra properties, wrong types,
	 * nulls where not nullable, values outside an enum, SIDs not matching their pattern,
	 * badly formatted dates.
	 */
	public List<String> violations(JsonNode value, JsonNode schema, String where) {
		List<String> violations = new ArrayList<>();
		check(value, resolve(schema), where, violations);
		return violations;
	}

	private void check(JsonNode value, JsonNode schema, String where, List<String> violations) {
		if (value.isNull()) {
			if (!schema.path("nullable").asBoolean(false)) {
				violations.add(where + " is null but not nullable");
			}
			return;
		}
		String type = schema.path("type").asString("");
		switch (type) {
			case "string" -> checkString(value, schema, where, violations);
			case "integer" -> expect(value.isIntegralNumber(), where + " is not an integer: " + value, violations);
			case "boolean" -> expect(value.isBoolean(), where + " is not a boolean: " + value, violations);
			case "array" -> {
				expect(value.isArray(), where + " is not an array: " + value, violations);
				if (value.isArray() && schema.has("items")) {
					for (int i = 0; i < value.size(); i++) {
						check(value.get(i), resolve(schema.get("items")), where + "[" + i + "]", violations);
					}
				}
			}
			case "object" -> checkObject(value, schema, where, violations);
			default -> {
				// no type in the spec (e.g. integration,
				// media): any JSON value is allowed
			}
		}
	}

	private void checkObject(JsonNode value, JsonNode schema, String where, List<String> violations) {
		if (!value.isObject()) {
			violations.add(where + " is not an object: " + value);
			return;
		}
		JsonNode properties = schema.path("properties");
		if (properties.isMissingNode()) {
			return;
		}
		Set<String> expected = new TreeSet<>(properties.propertyNames());
		Set<String> actual = new TreeSet<>(value.propertyNames());
		for (String name : expected) {
			if (!actual.contains(name)) {
				violations.add(where + "." + name + " is missing");
			}
		}
		for (String name : actual) {
			if (!expected.contains(name)) {
				violations.add(where + "." + name + " is not in the schema");
			}
			else {
				check(value.get(name), resolve(properties.get(name)), where + "." + name, violations);
			}
		}
	}

	private void checkString(JsonNode value, JsonNode schema, String where, List<String> violations) {
		if (!value.isString()) {
			violations.add(where + " is not a string: " + value);
			return;
		}
		String text = value.asString();
		if (schema.has("enum")) {
			List<String> allowed = new ArrayList<>();
			schema.get("enum").forEach((option) -> allowed.add(option.asString()));
			expect(allowed.contains(text), where + " = " + text + " is not one of " + allowed, violations);
		}
		if (schema.has("pattern")) {
			expect(Pattern.compile(schema.get("pattern").asString()).matcher(text).find(),
					where + " = " + text + " does not match " + schema.get("pattern").asString(), violations);
		}
		String format = schema.path("format").asString("");
		if (format.equals("date-time")) {
			expect(DATE_TIME.matcher(text).matches(), where + " = " + text + " is not yyyy-MM-ddTHH:mm:ssZ",
					violations);
		}
		if (format.equals("uri")) {
			expect(text.matches("https://[a-z-]+\\.twilio\\.com/.*"), where + " = " + text + " is not a Twilio URL",
					violations);
		}
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode current = schema;
		while (current.has("$ref")) {
			String ref = current.get("$ref").asString();
			current = this.root.at(ref.substring(1));
		}
		return current;
	}

	private static void expect(boolean condition, String violation, List<String> violations) {
		if (!condition) {
			violations.add(violation);
		}
	}

}
