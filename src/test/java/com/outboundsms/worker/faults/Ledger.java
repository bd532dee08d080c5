package com.outboundsms.worker.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * What came out of a run: every result event (from a durable queue of the suite's own,
 * bound before the first request, so that no connection drop loses one) and every
 * dead-lettered request, read once the run is quiet.
 */
final class Ledger {

	static final String TAP = "fault-suite.results";

	static final String DEAD_LETTERS = "outbound-sms.requests.dlq";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, List<JsonNode>> results = new HashMap<>();

	private final Map<String, Integer> deadLetters = new HashMap<>();

	private int resultEvents;

	private int deadLetterEntries;

	/**
	 * Declares and binds the suite's result queue; the worker must have declared its
	 * exchange.
	 */
	static void bindTap(ConnectionFactory connections) {
		RabbitAdmin admin = new RabbitAdmin(connections);
		Queue tap = QueueBuilder.durable(TAP).quorum().build();
		admin.declareQueue(tap);
		admin.declareBinding(BindingBuilder.bind(tap).to(new TopicExchange("outbound-sms.results")).with("#"));
	}

	static Ledger drain(ConnectionFactory connections) {
		Ledger ledger = new Ledger();
		RabbitTemplate template = new RabbitTemplate(connections);
		for (Message message = template.receive(TAP); message != null; message = template.receive(TAP)) {
			JsonNode event = JSON.readTree(message.getBody());
			ledger.results.computeIfAbsent(event.get("requestId").asString(), (id) -> new ArrayList<>()).add(event);
			ledger.resultEvents++;
		}
		for (Message message = template.receive(DEAD_LETTERS); message != null; message = template
			.receive(DEAD_LETTERS)) {
			Object id = message.getMessageProperties().getHeaders().get("x-request-id");
			ledger.deadLetters.merge(String.valueOf(id), 1, Integer::sum);
			ledger.deadLetterEntries++;
		}
		return ledger;
	}

	int resultEvents() {
		return this.resultEvents;
	}

	int deadLetterEntries() {
		return this.deadLetterEntries;
	}

	/** Requests with more than one result event. */
	long duplicateResults() {
		return this.results.values().stream().filter((events) -> events.size() > 1).count();
	}

	/** Requests dead-lettered more than once. */
	long duplicateDeadLetters() {
		return this.deadLetters.values().stream().filter((count) -> count > 1).count();
	}

	/** Published requests with neither a result event nor a dead-lettered copy. */
	Set<String> lost(Campaign campaign) {
		Set<String> lost = new HashSet<>();
		for (Campaign.Request request : campaign.requests()) {
			if (!this.results.containsKey(request.requestId()) && !this.deadLetters.containsKey(request.requestId())) {
				lost.add(request.requestId());
			}
		}
		return lost;
	}

	/** Requests whose outcome is not the one they should have had. */
	Map<String, String> wrongOutcomes(Campaign campaign) {
		Map<String, String> wrong = new HashMap<>();
		for (Campaign.Request request : campaign.requests()) {
			List<JsonNode> events = this.results.getOrDefault(request.requestId(), List.of());
			for (JsonNode event : events) {
				String outcome = event.get("outcome").asString();
				boolean failed = outcome.equals("FAILED");
				if (request.valid() == failed) {
					wrong.put(request.requestId(),
							outcome + (failed ? " " + event.get("error").get("code").asString() : ""));
				}
			}
			if (!request.valid() && !this.deadLetters.containsKey(request.requestId())) {
				wrong.put(request.requestId(), "invalid but not dead-lettered");
			}
		}
		return wrong;
	}

	/**
	 * Requests whose result events disagree: on the outcome, the SIDs, or what failed.
	 */
	long disagreeingResults() {
		return this.results.values()
			.stream()
			.filter((events) -> events.stream().map(Ledger::answer).distinct().count() > 1)
			.count();
	}

	/** The attempts each request's last result event reports, for the distribution. */
	List<Integer> attempts() {
		return this.results.values()
			.stream()
			.map((events) -> events.stream().mapToInt((event) -> event.get("attempts").asInt()).max().orElse(0))
			.toList();
	}

	int outcomes(String outcome) {
		return (int) this.results.values()
			.stream()
			.filter((events) -> events.get(0).get("outcome").asString().equals(outcome))
			.count();
	}

	/**
	 * What a result event answers: its outcome, its SIDs and the codes of what failed.
	 */
	private static String answer(JsonNode event) {
		StringBuilder answer = new StringBuilder(event.path("outcome").asString()).append(';');
		event.properties().forEach((field) -> {
			if (field.getKey().endsWith("Sid")) {
				answer.append(field.getKey()).append('=').append(field.getValue().asString()).append(';');
			}
		});
		answer.append("error=").append(event.path("error").path("code").asString("")).append(';');
		answer.append("messageError=").append(event.path("messageError").path("code").asString(""));
		return answer.toString();
	}

}
