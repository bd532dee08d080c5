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
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outage of the store (PostgreSQL reached through a proxy the test cuts) dead-letters
 * nothing: the worker pauses consumption, reports the store DOWN, and finishes the
 * request once the store answers again.
 */
class StoreOutageIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestServices services = TestServices.get();

	@Test
	void pausesWhileTheStoreIsDownAndDeadLettersNothing() throws Exception {
		RunNames names = RunNames.named("osw-test-outage-" + UUID.randomUUID().toString().substring(0, 8));
		IsolatedRun.admin(this.services).sql("CREATE SCHEMA " + names.schema()).update();
		java.net.URI postgres = java.net.URI.create(this.services.postgresUrl().substring("jdbc:".length()));
		CachingConnectionFactory connections = new CachingConnectionFactory(this.services.rabbitHost(),
				this.services.rabbitPort());
		connections.setUsername(this.services.rabbitUser());
		connections.setPassword(this.services.rabbitPassword());
		ConfigurableApplicationContext worker = null;
		try (TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults());
				TcpProxy proxy = new TcpProxy(postgres.getHost(), postgres.getPort())) {
			String from = TestNumbers.twilioNumber();
			emulator.createFlexFlow(from);
			worker = start(names, emulator, this.services.postgresUrl(names.schema())
				.replace(postgres.getHost() + ":" + postgres.getPort(), "127.0.0.1:" + proxy.port()));
			Map<String, JsonNode> results = tap(connections, names);
			HealthEndpoint health = worker.getBean(HealthEndpoint.class);

			proxy.cut();
			publish(new RabbitTemplate(connections), names,
					RequestBodies.json(RequestBodies.minimal("outage-1", from, TestNumbers.customerNumber())));

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) health.healthForPath("consumption");
				assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
				assertThat(consumption.getDetails()).containsEntry("dependency", "STORE");
			});
			assertThat(results).isEmpty();

			proxy.restore();

			await().atMost(Duration.ofSeconds(60)).until(() -> results.containsKey("outage-1"));
			assertThat(results.get("outage-1").path("outcome").asString()).isEqualTo("CREATED");
			assertThat(((Number) new RabbitAdmin(connections).getQueueProperties(names.deadLetterQueue())
				.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue()).isZero();
		}
		finally {
			if (worker != null) {
				worker.close();
			}
			connections.destroy();
			this.services.deleteTopology(names);
			IsolatedRun.admin(this.services).sql("DROP SCHEMA IF EXISTS " + names.schema() + " CASCADE").update();
		}
	}

	private ConfigurableApplicationContext start(RunNames names, TwilioEmulator emulator, String storeUrl) {
		List<String> arguments = new ArrayList<>(this.services.arguments(names));
		arguments.addAll(List.of("--spring.datasource.url=" + storeUrl,
				"--spring.datasource.username=" + this.services.postgresUser(),
				"--spring.datasource.password=" + this.services.postgresPassword(),
				// fail fast while the store is away, so the outage is seen as one
				"--spring.datasource.hikari.connection-timeout=1000",
				"--outbound-sms.consumption.probe-initial-delay=200ms", "--outbound-sms.consumption.probe-max-delay=1s",
				"--twilio.api-base-url=" + emulator.baseUrl(), "--twilio.account-sid=" + emulator.accountSid(),
				"--twilio.auth-token=" + emulator.authToken(),
				"--twilio.proxy-service-sid=" + emulator.defaultProxyServiceSid()));
		return new SpringApplicationBuilder(WorkerApplication.class).run(arguments.toArray(String[]::new));
	}

	private static void publish(RabbitTemplate template, RunNames names, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		template.send(names.requestExchange(), "request",
				new Message(body.getBytes(StandardCharsets.UTF_8), properties));
	}

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
