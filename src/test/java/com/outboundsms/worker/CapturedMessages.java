package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.outboundsms.worker.IsolatedRun.RunNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.awaitility.Awaitility.await;

/**
 * What a test sees of the worker from the outside, as a producer and a result listener
 * would: publishes requests, and collects every result event (through a queue of its own
 * bound to the result exchange) and every dead-lettered copy.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CapturedMessages {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, List<Message>> results = new ConcurrentHashMap<>();

	private final Map<String, List<Message>> deadLetters = new ConcurrentHashMap<>();

	private final Map<String, List<String>> violations = new ConcurrentHashMap<>();

	private final RabbitTemplate template;

	private final RunNames names;

	CapturedMessages(RabbitTemplate template, RunNames names) {
		this.template = template;
		this.names = names;
	}

	@Bean
	static Queue resultTap() {
		return new AnonymousQueue();
	}

	@Bean
	static Binding resultTapBinding(Queue resultTap, RunNames names) {
		return BindingBuilder.bind(resultTap).to(new TopicExchange(names.resultExchange())).with("result.#");
	}

	@RabbitListener(queues = "#{resultTap.name}")
	void onResult(Message message) {
		this.results
			.computeIfAbsent(message.getMessageProperties().getCorrelationId(), (id) -> new CopyOnWriteArrayList<>())
			.add(message);
	}

	@RabbitListener(queues = "#{runNames.deadLetterQueue()}")
	void onDeadLetter(Message message) {
		Object requestId = message.getMessageProperties().getHeaders().get("x-request-id");
		this.deadLetters.computeIfAbsent(String.valueOf(requestId), (id) -> new CopyOnWriteArrayList<>()).add(message);
	}

	/**
	 * Publishes a request body as a producer would, to the request exchange.
	 * @param body the JSON body
	 * @param messageId the AMQP message id, or {@code null}
	 */
	public void publish(String body, String messageId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setMessageId(messageId);
		publish(new Message(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), properties));
	}

	public void publish(Message message) {
		this.template.send(this.names.requestExchange(), "request", message);
	}

	/**
	 * Publishes a request body to the bulk lane, as a campaign would.
	 * @param body the JSON body
	 */
	public void publishBulk(String body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		this.template.send(this.names.requestExchange(), "request.bulk",
				new Message(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), properties));
	}

	/**
	 * Waits for the request's first result event.
	 * @param requestId the request id
	 * @return the event's JSON
	 */
	public JsonNode awaitResult(String requestId) {
		return awaitResults(requestId, 1).get(0);
	}

	public List<JsonNode> awaitResults(String requestId, int count) {
		await().atMost(PATIENCE).until(() -> this.results.getOrDefault(requestId, List.of()).size() >= count);
		return this.results.get(requestId).stream().map(CapturedMessages::json).toList();
	}

	public Message awaitResultMessage(String requestId) {
		await().atMost(PATIENCE).until(() -> !this.results.getOrDefault(requestId, List.of()).isEmpty());
		return this.results.get(requestId).get(0);
	}

	public List<Message> results(String requestId) {
		return List.copyOf(this.results.getOrDefault(requestId, List.of()));
	}

	/**
	 * Waits for the request's dead-lettered copy.
	 * @param requestId the request id
	 * @return the copy as it sits in the dead-letter queue
	 */
	public Message awaitDeadLetter(String requestId) {
		await().atMost(PATIENCE).until(() -> !this.deadLetters.getOrDefault(requestId, List.of()).isEmpty());
		return this.deadLetters.get(requestId).get(0);
	}

	public List<Message> deadLetters(String requestId) {
		return List.copyOf(this.deadLetters.getOrDefault(requestId, List.of()));
	}

	/**
	 * Drops what was collected for a request, so that a long run does not hold every
	 * message it saw.
	 * @param requestId the request id
	 */
	public void forget(String requestId) {
		this.results.remove(requestId);
		this.deadLetters.remove(requestId);
	}

	static JsonNode json(Message message) {
		return JSON.readTree(message.getBody());
	}

}
