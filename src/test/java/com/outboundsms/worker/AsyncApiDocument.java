package com.outboundsms.worker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The published AsyncAPI document ({@code contract/asyncapi.yaml}), read for holding the
 * code and real messages to it.
 *
 * @param root the document
 */
record AsyncApiDocument(JsonNode root) {

	static final Path CONTRACT = Path.of("contract");

	private static final ObjectMapper JSON = new ObjectMapper();

	static AsyncApiDocument load() {
		try (Reader reader = Files.newBufferedReader(CONTRACT.resolve("asyncapi.yaml"))) {
			// every value as YAML's core schema reads it, and no arbitrary types
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			return new AsyncApiDocument(JSON.valueToTree(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A node, by JSON pointer, with local references followed.
	 * @param pointer the pointer
	 * @return the node, missing when there is none
	 */
	JsonNode at(String pointer) {
		return resolve(this.root.at(pointer));
	}

	/**
	 * Follows local references ({@code #/...}).
	 * @param node a node, possibly a reference
	 * @return the node it stands for
	 */
	JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		while (current.path("$ref").asText("").startsWith("#")) {
			current = this.root.at(current.get("$ref").asText().substring(1));
		}
		return current;
	}

	/**
	 * Holds a value to the schema a message's payload or headers point to.
	 * @param message the message's pointer, e.g. {@code /components/messages/result}
	 * @param part {@code payload} or {@code headers}
	 * @param value the value
	 * @return the violations, empty when the value conforms
	 */
	List<String> violations(String message, String part, JsonNode value) {
		String file = at(message).path(part).path("$ref").asText();
		if (file.isEmpty() || file.startsWith("#")) {
			return List.of(message + "/" + part + " points to no schema file");
		}
		return ContractSchemas.violations(file, value);
	}

}
