package com.outboundsms.worker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.outboundsms.worker.deadletter.DeadLetterHeaders;
import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.outbound.OutboundProperties;
import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document is a well-formed AsyncAPI 3.0 document, and names what the code
 * uses: the default exchange, queue and routing key names, the dead-letter headers, the
 * result routing keys, and schemas that exist.
 */
class AsyncApiContractTests {

	private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

	private final AsyncApiDocument document = AsyncApiDocument.load();

	@Test
	void hasTheStructureOfAnAsyncApi3Document() {
		JsonNode root = this.document.root();

		assertThat(root.path("asyncapi").asText()).isEqualTo("3.0.0");
		assertThat(root.path("info").path("title").isTextual()).isTrue();
		assertThat(root.path("info").path("version").isTextual()).isTrue();
		assertThat(Set.copyOf(fieldNames(root))).isSubsetOf("asyncapi", "id", "info", "servers", "defaultContentType",
				"channels", "operations", "components");
		root.path("servers").forEach((server) -> assertThat(server.path("protocol").asText()).isEqualTo("amqp"));
		assertThat(root.path("channels").size()).isPositive();
		root.path("channels")
			.fields()
			.forEachRemaining((channel) -> assertChannel(channel.getKey(), channel.getValue()));
		assertThat(root.path("operations").size()).isPositive();
		root.path("operations").fields().forEachRemaining((operation) -> assertOperation(operation.getValue()));
		assertThat(unresolvedReferences(root)).isEmpty();
	}

	@Test
	void namesTheTopologyTheCodeDeclaresByDefault() {
		String requestExchange = PropertyDefaults.of(InboundProperties.class, "exchange");
		String requestQueue = PropertyDefaults.of(InboundProperties.class, "queue");
		String deadLetterQueue = PropertyDefaults.of(DeadLetterProperties.class, "queue");

		assertThat(exchange("requestExchange").path("name").asText()).isEqualTo(requestExchange);
		assertThat(channel("requestExchange").path("address").asText())
			.isEqualTo(PropertyDefaults.of(InboundProperties.class, "routingKey"));
		assertThat(queue("requestQueue").path("name").asText()).isEqualTo(requestQueue);
		assertThat(channel("requestQueue").path("address").asText()).isEqualTo(requestQueue);
		String bulkQueue = PropertyDefaults.of(InboundProperties.class, "bulkQueue");
		assertThat(exchange("bulkRequestExchange").path("name").asText()).isEqualTo(requestExchange);
		assertThat(channel("bulkRequestExchange").path("address").asText())
			.isEqualTo(PropertyDefaults.of(InboundProperties.class, "bulkRoutingKey"));
		assertThat(queue("bulkRequestQueue").path("name").asText()).isEqualTo(bulkQueue);
		assertThat(channel("bulkRequestQueue").path("address").asText()).isEqualTo(bulkQueue);
		assertThat(exchange("results").path("name").asText())
			.isEqualTo(PropertyDefaults.of(OutboundProperties.class, "exchange"));
		assertThat(exchange("deadLetterExchange").path("name").asText())
			.isEqualTo(PropertyDefaults.of(DeadLetterProperties.class, "exchange"));
		// the dead-letter queue's name is also the routing key that binds it
		assertThat(channel("deadLetterExchange").path("address").asText()).isEqualTo(deadLetterQueue);
		assertThat(queue("deadLetterQueue").path("name").asText()).isEqualTo(deadLetterQueue);
		assertThat(channel("deadLetterQueue").path("address").asText()).isEqualTo(deadLetterQueue);
	}

	@Test
	void namesTheDeadLetterHeadersTheCodeWrites() throws IOException {
		JsonNode headers = schema(this.document.at("/components/messages/deadLetter/headers"));
		Set<String> optional = Set.of(DeadLetterHeaders.CAMPAIGN_ID, DeadLetterHeaders.TWILIO_CODE,
				DeadLetterHeaders.TWILIO_STATUS, DeadLetterHeaders.LAST_ERROR);

		assertThat(fieldNames(headers.path("properties"))).containsExactlyInAnyOrderElementsOf(headerNames());
		assertThat(textValues(headers.path("required"))).containsExactlyInAnyOrderElementsOf(
				headerNames().stream().filter((name) -> !optional.contains(name)).toList());
		assertThat(textValues(headers.path("properties").path(DeadLetterHeaders.ERROR_CODE).path("enum")))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
	}

	@Test
	void listsOneResultRoutingKeyPerOutcome() throws IOException {
		JsonNode results = channel("results");
		List<String> outcomes = Arrays.stream(Outcome.values())
			.map((outcome) -> outcome.name().toLowerCase(Locale.ROOT))
			.toList();

		assertThat(results.path("address").asText()).isEqualTo("result.{outcome}");
		assertThat(textValues(results.path("parameters").path("outcome").path("enum")))
			.containsExactlyElementsOf(outcomes);
		JsonNode resultSchema = schema(this.document.at("/components/messages/result/payload"));
		assertThat(textValues(resultSchema.path("properties").path("outcome").path("enum")))
			.containsExactlyElementsOf(Arrays.stream(Outcome.values()).map(Enum::name).toList());
	}

	@Test
	void requestPayloadSchemaAcceptsTheSampleRequests() throws IOException {
		List<String> samples = Files.readAllLines(Path.of("src/test/resources/sandbox/sample-requests.jsonl"));
		String valid = samples.stream().filter((line) -> line.contains("sample-created")).findFirst().orElseThrow();

		assertThat(this.document.violations("/components/messages/request", "payload",
				new ObjectMapper().readTree(valid.getBytes(StandardCharsets.UTF_8))))
			.isEmpty();
		assertThat(this.document.violations("/components/messages/deadLetter", "payload",
				new ObjectMapper().readTree(valid.getBytes(StandardCharsets.UTF_8))))
			.isEmpty();
	}

	@Test
	void consumesBothLanes() {
		assertThat(this.document.at("/operations/consumeRequest/channel/$ref").asText())
			.isEqualTo("#/channels/requestQueue");
		assertThat(this.document.at("/operations/consumeBulkRequest/channel/$ref").asText())
			.isEqualTo("#/channels/bulkRequestQueue");
		assertThat(this.document.at("/operations/consumeBulkRequest/action").asText()).isEqualTo("receive");
	}

	@Test
	void givesRequestsAndResultsTheCampaignIdRuleTheCodeApplies() throws IOException {
		JsonNode request = schema(this.document.at("/components/messages/request/payload"));
		JsonNode result = schema(this.document.at("/components/messages/result/payload"));
		JsonNode headers = schema(this.document.at("/components/messages/deadLetter/headers"));

		for (JsonNode campaignId : List.of(request.path("properties").path("campaignId"),
				result.path("properties").path("campaignId"),
				headers.path("properties").path(DeadLetterHeaders.CAMPAIGN_ID))) {
			Pattern pattern = Pattern.compile(campaignId.path("pattern").asText());
			assertThat(pattern.matcher("c".repeat(64)).matches()).isEqualTo(CampaignIds.isValid("c".repeat(64)))
				.isTrue();
			assertThat(pattern.matcher("c".repeat(65)).matches()).isEqualTo(CampaignIds.isValid("c".repeat(65)))
				.isFalse();
			assertThat(pattern.matcher("spring sale").matches()).isEqualTo(CampaignIds.isValid("spring sale"))
				.isFalse();
			assertThat(pattern.matcher("spring-2027:wave_1.a").matches()).isTrue();
		}
	}

	private void assertChannel(String name, JsonNode channel) {
		assertThat(channel.has("address")).as("%s has an address", name).isTrue();
		Matcher parameters = PARAMETER.matcher(channel.path("address").asText());
		Set<String> named = new HashSet<>();
		while (parameters.find()) {
			named.add(parameters.group(1));
		}
		assertThat(Set.copyOf(fieldNames(channel.path("parameters")))).as("%s's parameters", name).isEqualTo(named);
		assertThat(channel.path("messages").size()).as("%s's messages", name).isPositive();
		channel.path("messages")
			.forEach((message) -> assertThat(this.document.resolve(message).path("payload").isObject()).isTrue());
		JsonNode amqp = channel.path("bindings").path("amqp");
		assertThat(amqp.path("bindingVersion").asText()).isEqualTo("0.3.0");
		assertThat(amqp.path("is").asText()).isIn("queue", "routingKey");
		if (amqp.path("is").asText().equals("routingKey")) {
			assertThat(amqp.path("exchange").path("type").asText()).isIn("topic", "direct", "fanout", "default",
					"headers");
		}
	}

	private void assertOperation(JsonNode operation) {
		assertThat(operation.path("action").asText()).isIn("send", "receive");
		String channel = operation.path("channel").path("$ref").asText();
		assertThat(channel).startsWith("#/channels/");
		assertThat(this.document.at(channel.substring(1)).isMissingNode()).isFalse();
		// an operation's messages must be messages of its channel
		assertThat(operation.path("messages").size()).isPositive();
		operation.path("messages")
			.forEach((message) -> assertThat(message.path("$ref").asText()).startsWith(channel + "/messages/"));
		assertThat(operation.path("bindings").path("amqp").path("bindingVersion").asText()).isEqualTo("0.3.0");
	}

	/** Local references that point nowhere, and files referenced that do not exist. */
	private List<String> unresolvedReferences(JsonNode node) {
		List<String> unresolved = new ArrayList<>();
		if (node.has("$ref")) {
			String ref = node.get("$ref").asText();
			boolean resolves = ref.startsWith("#") ? !this.document.root().at(ref.substring(1)).isMissingNode()
					: Files.isRegularFile(AsyncApiDocument.CONTRACT.resolve(ref));
			if (!resolves) {
				unresolved.add(ref);
			}
		}
		node.forEach((child) -> unresolved.addAll(unresolvedReferences(child)));
		return unresolved;
	}

	private JsonNode channel(String name) {
		return this.document.at("/channels/" + name);
	}

	private JsonNode exchange(String channel) {
		JsonNode amqp = channel(channel).path("bindings").path("amqp");
		assertThat(amqp.path("is").asText()).isEqualTo("routingKey");
		return amqp.path("exchange");
	}

	private JsonNode queue(String channel) {
		JsonNode amqp = channel(channel).path("bindings").path("amqp");
		assertThat(amqp.path("is").asText()).isEqualTo("queue");
		return amqp.path("queue");
	}

	private static JsonNode schema(JsonNode reference) throws IOException {
		return new ObjectMapper().readTree(AsyncApiDocument.CONTRACT.resolve(reference.path("$ref").asText()).toFile());
	}

	/** The values of the public constants the code writes headers with. */
	private static List<String> headerNames() {
		List<String> names = new ArrayList<>();
		for (Field field : DeadLetterHeaders.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					names.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return names;
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static List<String> textValues(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asText()));
		return values;
	}

}
