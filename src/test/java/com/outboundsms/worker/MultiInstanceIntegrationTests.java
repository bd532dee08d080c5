package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two worker instances sharing one PostgreSQL store and one queue: requests for the same
 * pairs, spread over both, make exactly one outreach per pair; every other request for a
 * pair is answered REUSED with its SIDs.
 */
class MultiInstanceIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestServices services = TestServices.get();

	@Test
	void twoInstancesMakeOneOutreachPerPair() {
		RunNames names = RunNames.named("osw-test-multi-" + UUID.randomUUID().toString().substring(0, 8));
		IsolatedRun.admin(this.services).sql("CREATE SCHEMA " + names.schema()).update();
		List<ConfigurableApplicationContext> workers = new ArrayList<>();
		CachingConnectionFactory connections = new CachingConnectionFactory(this.services.rabbitHost(),
				this.services.rabbitPort());
		try (TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults())) {
			// slow Twilio, so that the two instances meet on the same pairs while
			// outreaches are made
			emulator.faults().latency(Duration.ofMillis(150));
			String from = TestNumbers.twilioNumber();
			emulator.createFlexFlow(from);
			workers.add(start(names, emulator));
			workers.add(start(names, emulator));
			connections.setUsername(this.services.rabbitUser());
			connections.setPassword(this.services.rabbitPassword());
			RabbitTemplate template = new RabbitTemplate(connections);
			Map<String, JsonNode> results = tap(connections, names);
			List<String> customers = List.of(TestNumbers.customerNumber(), TestNumbers.customerNumber(),
					TestNumbers.customerNumber(), TestNumbers.customerNumber());

			for (int round = 0; round < 4; round++) {
				for (String to : customers) {
					String body = RequestBodies
						.json(RequestBodies.minimal("multi-" + round + "-" + to.substring(1), from, to));
					MessageProperties properties = new MessageProperties();
					properties.setContentType("application/json");
					template.send(names.requestExchange(), "request",
							new Message(body.getBytes(StandardCharsets.UTF_8), properties));
				}
			}

			await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 16);
			for (String to : customers) {
				List<JsonNode> forPair = results.values()
					.stream()
					.filter((result) -> result.path("toNumber").asString().equals(to))
					.toList();
				assertThat(forPair).hasSize(4);
				assertThat(forPair).filteredOn((result) -> result.path("outcome").asString().equals("CREATED"))
					.hasSize(1);
				assertThat(forPair).filteredOn((result) -> result.path("outcome").asString().equals("REUSED"))
					.hasSize(3);
				assertThat(forPair.stream().map((result) -> result.path("proxySessionSid").asString()).distinct())
					.hasSize(1);
				assertThat(emulator.requests("POST", "/flex-api/v1/Channels")
					.stream()
					.filter((request) -> to.equals(request.form().first("Target")))).hasSize(1);
			}
		}
		finally {
			workers.forEach(ConfigurableApplicationContext::close);
			connections.destroy();
			this.services.deleteTopology(names);
			IsolatedRun.admin(this.services).sql("DROP SCHEMA IF EXISTS " + names.schema() + " CASCADE").update();
		}
	}

	private ConfigurableApplicationContext start(RunNames names, TwilioEmulator emulator) {
		List<String> arguments = new ArrayList<>(this.services.arguments(names));
		arguments.addAll(List.of("--spring.datasource.url=" + this.services.postgresUrl(names.schema()),
				"--spring.datasource.username=" + this.services.postgresUser(),
				"--spring.datasource.password=" + this.services.postgresPassword(),
				"--twilio.api-base-url=" + emulator.baseUrl(), "--twilio.account-sid=" + emulator.accountSid(),
				"--twilio.auth-token=" + emulator.authToken(),
				"--twilio.proxy-service-sid=" + emulator.defaultProxyServiceSid(),
				"--spring.rabbitmq.listener.simple.concurrency=4"));
		return new SpringApplicationBuilder(WorkerApplication.class).run(arguments.toArray(String[]::new));
	}

	/** A result listener of the test's own, keeping the first event per request. */
	private static Map<String, JsonNode> tap(CachingConnectionFactory connections, RunNames names) {
		RabbitAdmin admin = new RabbitAdmin(connections);
		AnonymousQueue queue = new AnonymousQueue();
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(names.resultExchange())).with("#"));
		Map<String, JsonNode> results = new ConcurrentHashMap<>();
		org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer container = new org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer(
				connections);
		container.setQueueNames(queue.getName());
		container.setMessageListener((Message message) -> results
			.putIfAbsent(message.getMessageProperties().getCorrelationId(), JSON.readTree(message.getBody())));
		container.start();
		return results;
	}

}
