package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.outbound.OutboundProperties;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the worker really puts on the broker is what the AsyncAPI document says: the
 * exchanges and queues it declares have the document's types and flags, and a result
 * event and a dead letter validate against the schemas the document points to, with the
 * properties and headers it names.
 */
@WorkerIntegrationTest
class AsyncApiConformanceIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final AsyncApiDocument document = AsyncApiDocument.load();

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	List<Exchange> exchanges;

	@Autowired
	List<Queue> queues;

	@Autowired
	InboundProperties inbound;

	@Autowired
	RabbitTemplate template;

	@Autowired
	OutboundProperties outbound;

	@Autowired
	DeadLetterProperties deadLetter;

	@Test
	void declaresTheExchangesAndQueuesTheDocumentDescribes() {
		Map<String, String> runNames = Map.of(PropertyDefaults.of(InboundProperties.class, "exchange"),
				this.inbound.exchange(), PropertyDefaults.of(InboundProperties.class, "queue"), this.inbound.queue(),
				PropertyDefaults.of(InboundProperties.class, "bulkQueue"), this.inbound.bulkQueue(),
				PropertyDefaults.of(OutboundProperties.class, "exchange"), this.outbound.exchange(),
				PropertyDefaults.of(DeadLetterProperties.class, "exchange"), this.deadLetter.exchange(),
				PropertyDefaults.of(DeadLetterProperties.class, "queue"), this.deadLetter.queue());

		this.document.root().path("channels").forEach((channel) -> {
			JsonNode amqp = channel.path("bindings").path("amqp");
			if (amqp.path("is").asText().equals("routingKey")) {
				JsonNode described = amqp.path("exchange");
				Exchange declared = exchange(runNames.get(described.path("name").asText()));
				assertThat(declared.getType()).isEqualTo(described.path("type").asText());
				assertThat(declared.isDurable()).isEqualTo(described.path("durable").asBoolean());
				assertThat(declared.isAutoDelete()).isEqualTo(described.path("autoDelete").asBoolean());
			}
			else {
				JsonNode described = amqp.path("queue");
				Queue declared = queue(runNames.get(described.path("name").asText()));
				assertThat(declared.isDurable()).isEqualTo(described.path("durable").asBoolean());
				assertThat(declared.isExclusive()).isEqualTo(described.path("exclusive").asBoolean());
				assertThat(declared.isAutoDelete()).isEqualTo(described.path("autoDelete").asBoolean());
			}
		});
	}

	@Test
	void publishesResultEventsAsTheDocumentSays() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);

		this.taps.publish(
				RequestBodies.json(RequestBodies.minimal("asyncapi-created", from, TestNumbers.customerNumber())),
				null);

		Message event = this.taps.awaitResultMessage("asyncapi-created");
		MessageProperties properties = event.getMessageProperties();
		JsonNode payload = JSON.readTree(event.getBody());
		JsonNode message = this.document.at("/components/messages/result");
		JsonNode binding = message.path("bindings").path("amqp");
		assertThat(this.document.violations("/components/messages/result", "payload", payload)).isEmpty();
		assertThat(properties.getReceivedExchange()).isEqualTo(this.outbound.exchange());
		assertThat(properties.getReceivedRoutingKey()).isEqualTo(this.document.at("/channels/results")
			.path("address")
			.asText()
			.replace("{outcome}", payload.path("outcome").asText().toLowerCase(Locale.ROOT)));
		assertThat(properties.getContentType()).isEqualTo(message.path("contentType").asText());
		assertThat(properties.getContentEncoding()).isEqualTo(binding.path("contentEncoding").asText());
		assertThat(properties.getType()).isEqualTo(binding.path("messageType").asText());
		assertThat(properties.getCorrelationId()).isEqualTo(payload.path("requestId").asText())
			.isEqualTo("asyncapi-created");
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(deliveryMode("publishResult"));
	}

	@Test
	void consumesTheBulkLaneAsTheDocumentSaysAndEchoesTheCampaignId() throws Exception {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		Map<String, Object> body = RequestBodies.minimal("asyncapi-bulk", from, TestNumbers.customerNumber());
		body.put("campaignId", "asyncapi-campaign");
		assertThat(this.document.violations("/components/messages/request", "payload", JSON.valueToTree(body)))
			.isEmpty();
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);

		this.template.send(this.inbound.exchange(),
				this.document.at("/channels/bulkRequestExchange").path("address").asText(),
				new Message(RequestBodies.json(body).getBytes(StandardCharsets.UTF_8), properties));

		JsonNode payload = JSON.readTree(this.taps.awaitResultMessage("asyncapi-bulk").getBody());
		assertThat(this.document.violations("/components/messages/result", "payload", payload)).isEmpty();
		assertThat(payload.path("outcome").asText()).isEqualTo("CREATED");
		assertThat(payload.path("campaignId").asText()).isEqualTo("asyncapi-campaign");
	}

	@Test
	void deadLettersAsTheDocumentSays() throws Exception {
		// no Flex Flow has this number: a permanent failure of a valid request
		this.taps.publish(RequestBodies.json(RequestBodies.minimal("asyncapi-dead-letter", TestNumbers.twilioNumber(),
				TestNumbers.customerNumber())), null);

		Message deadLetter = this.taps.awaitDeadLetter("asyncapi-dead-letter");
		MessageProperties properties = deadLetter.getMessageProperties();
		JsonNode headers = JSON.valueToTree(properties.getHeaders());
		assertThat(this.document.violations("/components/messages/deadLetter", "headers", headers)).isEmpty();
		assertThat(this.document.violations("/components/messages/deadLetter", "payload",
				JSON.readTree(deadLetter.getBody())))
			.isEmpty();
		assertThat(headers.path("x-error-code").asText()).isEqualTo("FLEX_FLOW_NOT_FOUND");
		assertThat(headers
			.at(this.document.at("/components/messages/deadLetter/correlationId")
				.path("location")
				.asText()
				.replace("$message.header#", ""))
			.asText()).isEqualTo("asyncapi-dead-letter");
		assertThat(properties.getReceivedExchange()).isEqualTo(this.deadLetter.exchange());
		assertThat(properties.getReceivedRoutingKey()).isEqualTo(this.deadLetter.queue());
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(deliveryMode("deadLetterRequest"));
		Message failed = this.taps.awaitResultMessage("asyncapi-dead-letter");
		assertThat(this.document.violations("/components/messages/result", "payload", JSON.readTree(failed.getBody())))
			.isEmpty();
	}

	/** The delivery mode an operation's binding names: 2 is persistent. */
	private MessageDeliveryMode deliveryMode(String operation) {
		int mode = this.document.at("/operations/" + operation)
			.path("bindings")
			.path("amqp")
			.path("deliveryMode")
			.asInt();
		return (mode == 2) ? MessageDeliveryMode.PERSISTENT : MessageDeliveryMode.NON_PERSISTENT;
	}

	private Exchange exchange(String name) {
		return this.exchanges.stream()
			.filter((exchange) -> exchange.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no exchange " + name + " is declared"));
	}

	private Queue queue(String name) {
		return this.queues.stream()
			.filter((queue) -> queue.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no queue " + name + " is declared"));
	}

}
