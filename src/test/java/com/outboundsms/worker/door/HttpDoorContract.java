package com.outboundsms.worker.door;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
final class HttpDoorContract {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNode DOCUMENT = read();

	private HttpDoorContract() {
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
	 * What is wrong with an answer by the document: an undocumented status, or a body
	 * that breaks the status's schema.
	 * @param operation e.g. {@code "GET /v1/outbound-sms/{requestId}"}
	 * @param status the answer's status
	 * @param body the answer's body
	 * @return the violations, empty when the answer conforms
	 */
	static List<String> violations(String operation, int status, String body) {
		JsonNode response = operationNode(operation).path("responses").path(String.valueOf(status));
		if (response.isMissingNode()) {
			return List.of(operation + " does not document status " + status);
		}
		ObjectNode schema = JSON.createObjectNode();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.putArray("allOf").add(response.path("content").path("application/json").path("schema"));
		// the component schemas' references point into the document: give them its
		// components
		schema.set("components", DOCUMENT.path("components"));
		try {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
				.getSchema(schema)
				.validate(JSON.readTree(body))
				.stream()
				.map(ValidationMessage::getMessage)
				.toList();
		}
		catch (IOException ex) {
			return List.of("not JSON: " + body);
		}
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
