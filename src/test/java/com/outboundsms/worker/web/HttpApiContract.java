package com.outboundsms.worker.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The door's OpenAPI document ({@code contract/http-openapi.yaml}), read for holding the
 * controller's mappings and real answers to it.
 */
final class HttpApiContract {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNode DOCUMENT = read();

	private HttpApiContract() {
	}

	/** Operations as {@code "POST /v1/outbound-sms"}. */
	static Set<String> operations() {
		Set<String> operations = new TreeSet<>();
		DOCUMENT.path("paths")
			.fields()
			.forEachRemaining((path) -> path.getValue()
				.fieldNames()
				.forEachRemaining((method) -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
		return operations;
	}

	/** An operation's parameters as {@code "query:wait"}, header names in lower case. */
	static Set<String> parameters(String operation) {
		Set<String> parameters = new TreeSet<>();
		for (JsonNode parameter : operationNode(operation).path("parameters")) {
			String in = parameter.path("in").asText();
			String name = parameter.path("name").asText();
			parameters.add(in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name));
		}
		return parameters;
	}

	static Set<Integer> statuses(String operation) {
		Set<Integer> statuses = new TreeSet<>();
		operationNode(operation).path("responses")
			.fieldNames()
			.forEachRemaining((code) -> statuses.add(Integer.valueOf(code)));
		return statuses;
	}

	/**
	 * What is wrong with an answer by the document: an undocumented status, a required
	 * header missing or breaking its schema, or a body that breaks the status's schema.
	 * @param operation e.g. {@code "GET /v1/outbound-sms/{requestId}"}
	 * @param status the answer's status
	 * @param headers the answer's headers
	 * @param body the answer's body
	 * @return the violations, empty when the answer conforms
	 */
	static List<String> violations(String operation, int status, HttpHeaders headers, String body) {
		JsonNode response = resolve(operationNode(operation).path("responses").path(String.valueOf(status)));
		if (response.isMissingNode()) {
			return List.of(operation + " does not document status " + status);
		}
		List<String> violations = new ArrayList<>();
		response.path("headers").properties().forEach((header) -> {
			JsonNode documented = resolve(header.getValue());
			Optional<String> value = headers.firstValue(header.getKey());
			if (value.isEmpty()) {
				if (documented.path("required").asBoolean(false)) {
					violations.add("header " + header.getKey() + " is missing");
				}
				return;
			}
			JsonNode schema = documented.path("schema");
			JsonNode typed = schema.path("type").asText().equals("integer") && value.get().matches("-?\\d{1,9}")
					? JSON.getNodeFactory().numberNode(Integer.parseInt(value.get()))
					: JSON.getNodeFactory().textNode(value.get());
			validate(schema, typed).forEach((problem) -> violations.add("header " + header.getKey() + ": " + problem));
		});
		try {
			violations.addAll(
					validate(response.path("content").path("application/json").path("schema"), JSON.readTree(body)));
		}
		catch (IOException ex) {
			violations.add("not JSON: " + body);
		}
		return violations;
	}

	private static List<String> validate(JsonNode schemaNode, JsonNode value) {
		ObjectNode schema = JSON.createObjectNode();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.putArray("allOf").add(schemaNode);
		// the component schemas' references point
		// into the document: give them its components
		schema.set("components", DOCUMENT.path("components"));
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
			.getSchema(schema)
			.validate(value)
			.stream()
			.map(ValidationMessage::getMessage)
			.toList();
	}

	/** The node a {@code $ref} within the document points to, or the node itself. */
	private static JsonNode resolve(JsonNode node) {
		JsonNode reference = node.path("$ref");
		return reference.isTextual() ? resolve(DOCUMENT.at(reference.asText().substring(1))) : node;
	}

	private static JsonNode operationNode(String operation) {
		String[] parts = operation.split(" ", 2);
		JsonNode node = DOCUMENT.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("The document has no operation " + operation);
		}
		return node;
	}

	private static JsonNode read() {
		try {
			return new YAMLMapper().readTree(Path.of("contract", "http-openapi.yaml").toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
