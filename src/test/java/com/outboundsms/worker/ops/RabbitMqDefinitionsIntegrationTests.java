package com.outboundsms.worker.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.WorkerApplication;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ops/rabbitmq/definitions.json} is the worker's own topology: imported into a
 * throwaway virtual host, it lets the worker start there (the broker refuses a
 * redeclaration with other arguments, and the worker then refuses to start), and it names
 * the same exchanges, queues with the same arguments, and bindings as the worker
 * declares.
 */
class RabbitMqDefinitionsIntegrationTests {

	private static final Path DEFINITIONS = Path.of("ops/rabbitmq/definitions.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestServices services = TestServices.get();

	private final BrokerDefinitions broker = new BrokerDefinitions(this.services);

	@Test
	void theWorkerStartsOnTheImportedDefinitionsAndDeclaresExactlyThem() throws Exception {
		String vhost = "osw-test-definitions-" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode definitions = JSON.readTree(Files.readString(DEFINITIONS));
		try {
			String how = this.broker.importDefinitions(JSON.writeValueAsString(inVirtualHost(definitions, vhost)));

			// rabbitmqctl's import goes on after the command returns
			List<String> queues = new ArrayList<>();
			definitions.path("queues").forEach((queue) -> queues.add(queue.path("name").asString()));
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(missingQueues(vhost, queues)).as("queues missing after an import by %s", how)
							.isEmpty());
			try (ConfigurableApplicationContext worker = start(vhost)) {
				assertThat(declared(worker)).isEqualTo(listed(definitions));
			}
		}
		finally {
			this.broker.deleteVirtualHost(vhost);
		}
	}

	/**
	 * The committed file uses {@code /}; the test's copy uses its own virtual host, and
	 * lets the test's user in.
	 */
	private ObjectNode inVirtualHost(JsonNode definitions, String vhost) {
		ObjectNode copy = (ObjectNode) definitions.deepCopy();
		copy.putArray("vhosts").addObject().put("name", vhost);
		for (String kind : new String[] { "exchanges", "queues", "bindings" }) {
			copy.path(kind).forEach((item) -> ((ObjectNode) item).put("vhost", vhost));
		}
		copy.putArray("permissions")
			.addObject()
			.put("user", this.services.rabbitUser())
			.put("vhost", vhost)
			.put("configure", ".*")
			.put("write", ".*")
			.put("read", ".*");
		return copy;
	}

	private List<String> missingQueues(String vhost, List<String> queues) throws Exception {
		List<String> missing = new ArrayList<>();
		for (String queue : queues) {
			if (!queueExists(vhost, queue)) {
				missing.add(queue);
			}
		}
		return missing;
	}

	private boolean queueExists(String vhost, String queue) throws Exception {
		try (Connection connection = this.services.connect(vhost); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue) != null;
		}
		catch (IOException notFound) {
			return false;
		}
	}

	/** The worker with its default names and retry delays, as operators run it. */
	private ConfigurableApplicationContext start(String vhost) {
		return new SpringApplicationBuilder(WorkerApplication.class).run(
				"--spring.rabbitmq.host=" + this.services.rabbitHost(),
				"--spring.rabbitmq.port=" + this.services.rabbitPort(),
				"--spring.rabbitmq.username=" + this.services.rabbitUser(),
				"--spring.rabbitmq.password=" + this.services.rabbitPassword(),
				"--spring.rabbitmq.virtual-host=" + vhost, "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:definitions;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"--twilio.account-sid=AC00000000000000000000000000000000", "--twilio.auth-token=unused",
				"--outbound-sms.backend=flex-legacy", "--twilio.proxy-service-sid=KS00000000000000000000000000000000",
				"--twilio.api-base-url=http://127.0.0.1:9");
	}

	/**
	 * What the worker declares: its exchange, queue and binding beans; not a queue of one
	 * instance's own (exclusive, gone with its connection, as the HTTP door's result
	 * subscription is), which no definitions file can hold.
	 */
	private static Set<String> declared(ConfigurableApplicationContext worker) {
		Set<String> instanceQueues = new TreeSet<>();
		worker.getBeansOfType(Queue.class)
			.values()
			.stream()
			.filter((queue) -> queue.isExclusive() || queue.isAutoDelete())
			.forEach((queue) -> instanceQueues.add(queue.getName()));
		Set<String> topology = new TreeSet<>();
		worker.getBeansOfType(Exchange.class).values().forEach((exchange) -> topology.add(describe(exchange)));
		worker.getBeansOfType(Queue.class).values().forEach((queue) -> topology.add(describe(queue)));
		worker.getBeansOfType(Binding.class).values().forEach((binding) -> topology.add(describe(binding)));
		for (Declarables declarables : worker.getBeansOfType(Declarables.class).values()) {
			declarables.getDeclarablesByType(Exchange.class).forEach((exchange) -> topology.add(describe(exchange)));
			declarables.getDeclarablesByType(Queue.class).forEach((queue) -> topology.add(describe(queue)));
			declarables.getDeclarablesByType(Binding.class).forEach((binding) -> topology.add(describe(binding)));
		}
		topology.removeIf((item) -> instanceQueues.stream()
			.anyMatch((queue) -> item.startsWith("queue " + queue + " ") || item.contains(" -> " + queue + " key=")));
		return topology;
	}

	/** What the definitions file lists, described as {@link #declared} describes. */
	private static Set<String> listed(JsonNode definitions) {
		Set<String> topology = new TreeSet<>();
		definitions.path("exchanges")
			.forEach((exchange) -> topology.add("exchange " + exchange.path("name").asString() + " "
					+ exchange.path("type").asString() + " durable=" + exchange.path("durable").asBoolean()));
		definitions.path("queues").forEach((queue) -> {
			Map<String, String> arguments = new TreeMap<>();
			queue.path("arguments")
				.properties()
				.forEach((entry) -> arguments.put(entry.getKey(), text(entry.getValue())));
			topology.add("queue " + queue.path("name").asString() + " durable=" + queue.path("durable").asBoolean()
					+ " " + arguments);
		});
		definitions.path("bindings")
			.forEach((binding) -> topology.add("binding " + binding.path("source").asString() + " -> "
					+ binding.path("destination").asString() + " key=" + binding.path("routing_key").asString()));
		return topology;
	}

	private static String describe(Exchange exchange) {
		return "exchange " + exchange.getName() + " " + exchange.getType() + " durable=" + exchange.isDurable();
	}

	private static String describe(Queue queue) {
		Map<String, String> arguments = new TreeMap<>();
		queue.getArguments().forEach((key, value) -> arguments.put(key, String.valueOf(value)));
		return "queue " + queue.getName() + " durable=" + queue.isDurable() + " " + arguments;
	}

	private static String describe(Binding binding) {
		return "binding " + binding.getExchange() + " -> " + binding.getDestination() + " key="
				+ binding.getRoutingKey();
	}

	private static String text(JsonNode value) {
		return value.isNumber() ? String.valueOf(value.asLong()) : value.asString();
	}

}
