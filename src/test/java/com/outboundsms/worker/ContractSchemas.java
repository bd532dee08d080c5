package com.outboundsms.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published JSON Schemas of the contract ({@code contract/*.schema.json}), for
 * holding real messages to them.
 */
public final class ContractSchemas {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonSchema REQUEST = load("request.schema.json");

	private static final JsonSchema RESULT = load("result.schema.json");

	private ContractSchemas() {
	}

	/**
	 * What is wrong with a result event, by the published schema.
	 * @param json the event
	 * @return the violations, empty when the event conforms
	 */
	public static List<String> resultViolations(byte[] json) {
		return violations(RESULT, json);
	}

	public static List<String> requestViolations(byte[] json) {
		return violations(REQUEST, json);
	}

	/**
	 * What is wrong with a value, by one of the published schemas.
	 * @param schema the schema's path, relative to {@code contract/} as the AsyncAPI
	 * document names it
	 * @param value the value
	 * @return the violations, empty when the value conforms
	 */
	public static List<String> violations(String schema, JsonNode value) {
		return load(Path.of(schema).normalize().toString()).validate(value)
			.stream()
			.map(ValidationMessage::getMessage)
			.toList();
	}

	private static List<String> violations(JsonSchema schema, byte[] json) {
		try {
			return schema.validate(JSON.readTree(json)).stream().map(ValidationMessage::getMessage).toList();
		}
		catch (IOException ex) {
			return List.of("not JSON: " + ex.getMessage());
		}
	}

	private static JsonSchema load(String name) {
		try {
			String text = Files.readString(Path.of("contract", name));
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
