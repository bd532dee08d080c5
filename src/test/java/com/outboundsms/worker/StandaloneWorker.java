package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.TwilioEmulator;
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
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Workers started outside the test's own context (several at once, or with settings a
 * shared context cannot have), and a producer and result listener of the test's own to
 * talk to them.
 */
final class StandaloneWorker {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StandaloneWorker() {
	}

	/**
	 * Starts a worker on the run's names, Twilio played by the emulator.
	 * @param services the broker and database
	 * @param names the run's names
	 * @param emulator the emulator
	 * @param storeUrl the store's JDBC URL
	 * @param extra further {@code --property=value} arguments
	 * @return the running worker
	 */
	static ConfigurableApplicationContext start(TestServices services, RunNames names, TwilioEmulator emulator,
			String storeUrl, String... extra) {
		List<String> arguments = new ArrayList<>(services.arguments(names));
		arguments.addAll(List.of("--spring.datasource.url=" + storeUrl,
				"--spring.datasource.username=" + services.postgresUser(),
				"--spring.datasource.password=" + services.postgresPassword(),
				"--twilio.api-base-url=" + emulator.baseUrl(), "--twilio.account-sid=" + emulator.accountSid(),
				"--twilio.auth-token=" + emulator.authToken(),
				"--twilio.proxy-service-sid=" + emulator.defaultProxyServiceSid()));
		if (Arrays.stream(extra).noneMatch((argument) -> argument.startsWith("--outbound-sms.backend="))) {
			arguments.add("--outbound-sms.backend=flex-legacy");
		}
		arguments.addAll(List.of(extra));
		return new SpringApplicationBuilder(WorkerApplication.class).run(arguments.toArray(String[]::new));
	}

	static CachingConnectionFactory connections(TestServices services) {
		CachingConnectionFactory connections = new CachingConnectionFactory(services.rabbitHost(),
				services.rabbitPort());
		connections.setUsername(services.rabbitUser());
		connections.setPassword(services.rabbitPassword());
		return connections;
	}

	static void publish(CachingConnectionFactory connections, RunNames names, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		new RabbitTemplate(connections).send(names.requestExchange(), "request",
				new Message(body.getBytes(StandardCharsets.UTF_8), properties));
	}

	/**
	 * A result listener of the test's own, keeping the first event per request id.
	 * @param connections the broker
	 * @param names the run's names
	 * @return the events by request id, filled as they arrive
	 */
	static Map<String, JsonNode> resultTap(CachingConnectionFactory connections, RunNames names) {
		RabbitAdmin admin = new RabbitAdmin(connections);
		AnonymousQueue queue = new AnonymousQueue();
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(names.resultExchange())).with("#"));
		Map<String, JsonNode> results = new ConcurrentHashMap<>();
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
		container.setQueueNames(queue.getName());
		container.setMessageListener((Message message) -> results
			.putIfAbsent(message.getMessageProperties().getCorrelationId(), JSON.readTree(message.getBody())));
		container.start();
		return results;
	}

}
