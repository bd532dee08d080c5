package com.outboundsms.worker;

import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's contract, scenario by scenario, for any backend: each backend's test class
 * runs every scenario here against its own worker.
 */
abstract class OutreachScenarios {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The backend the worker under test runs.
	 * @return the backend's view at the emulator
	 */
	protected abstract BackendUnderTest backend();

	@AfterEach
	void clearFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void createsTheOutreachAndTheFirstMessageForARequestWithEveryField() {
		Pair pair = newPair();
		Map<String, Object> body = RequestBodies.minimal(id("every-field"), pair.from(), pair.to());
		body.put("sourceChatChannelSid", "CH0123456789abcdef0123456789abcdef");
		body.put("initialNotificationMessage", "Hello from the clinic");
		body.put("taskAttributes", Map.of("ticketId", 4711, "to", "+19999999999", "direction", "inbound"));
		body.put("metadata", Map.of("campaign", "flu-2026", "ticketId", "4711"));

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult((String) body.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("backend").asString()).isEqualTo(backend().name());
		assertThat(result.path("fromNumber").asString()).isEqualTo(pair.from());
		assertThat(result.path("toNumber").asString()).isEqualTo(pair.to());
		assertThat(backend().sidFields()).allSatisfy((field) -> assertThat(result.path(field).isString()).isTrue());
		assertThat(result.path("metadata")).isEqualTo(JSON.valueToTree(body.get("metadata")));
		assertThat(backend().messagesOf(result)).containsExactly("Hello from the clinic");
		assertThat(result.path(backend().messageSidField()).isString()).isTrue();
		assertThat(backend().taskAttributesOf(result)).containsEntry("to", pair.to())
			.containsEntry("from", pair.from())
			.containsEntry("name", "Jane Doe")
			.containsEntry("direction", "outbound")
			.containsEntry("sourceChatChannelSid", "CH0123456789abcdef0123456789abcdef")
			.containsEntry("ticketId", 4711);
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
		assertThat(storedState(pair)).isEqualTo("OPEN");
	}

	@Test
	void publishesTheResultPersistentWithTheOutcomesRoutingKeyAndCorrelationId() {
		Pair pair = newPair();
		String requestId = id("properties");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);

		Message message = this.taps.awaitResultMessage(requestId);
		assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("result.created");
		assertThat(message.getMessageProperties().getCorrelationId()).isEqualTo(requestId);
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
		assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
	}

	@Test
	void answersARedeliveredRequestWithTheSameOutcomeAndSidsAndCreatesNothingMore() {
		Pair pair = newPair();
		String requestId = id("twice");
		String body = RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to()));

		this.taps.publish(body, null);
		JsonNode first = this.taps.awaitResult(requestId);
		this.taps.publish(body, null);

		assertThat(this.taps.awaitResults(requestId, 2).get(1)).isEqualTo(first);
		assertThat(first.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
	}

	@Test
	void reusesTheOpenOutreachForASecondRequestForThePairWithOneLookAndNoCreate() {
		Pair pair = newPair();
		String firstId = id("pair-first");
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(firstId, pair.from(), pair.to())), null);
		JsonNode first = this.taps.awaitResult(firstId);
		int twilioCallsBefore = this.emulator.requests().size();
		Map<String, Object> second = RequestBodies.minimal(id("pair-second"), pair.from(), pair.to());
		second.put("initialNotificationMessage", "not sent: the outreach is reused");

		this.taps.publish(RequestBodies.json(second), null);

		JsonNode reused = this.taps.awaitResult((String) second.get("requestId"));
		assertThat(reused.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(backend().sidFields())
			.allSatisfy((field) -> assertThat(reused.path(field)).isEqualTo(first.path(field)));
		// one look that the outreach is still open, nothing made
		assertThat(this.emulator.requests().subList(twilioCallsBefore, this.emulator.requests().size())).singleElement()
			.satisfies((call) -> assertThat(call.method()).isEqualTo("GET"));
		assertThat(backend().messagesOf(first)).isEmpty();
	}

	@Test
	void createsANewOutreachRightAfterTheAgentEndedTheLastOne() {
		Pair pair = newPair();
		String firstId = id("ended-first");
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(firstId, pair.from(), pair.to())), null);
		JsonNode first = this.taps.awaitResult(firstId);
		backend().endByAgent(first);
		String secondId = id("ended-second");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(secondId, pair.from(), pair.to())), null);

		JsonNode second = this.taps.awaitResult(secondId);
		assertThat(second.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(backend().sidFields()).filteredOn((field) -> !field.equals("flexFlowSid"))
			.allSatisfy((field) -> assertThat(second.path(field)).isNotEqualTo(first.path(field)));
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
	}

	@Test
	void reusesWhatFlexAlreadyHasForTheCustomer() {
		Pair pair = newPair();
		Map.Entry<String, String> existing = backend().flexAlreadyTalks(pair.from(), pair.to());
		Map<String, Object> body = RequestBodies.minimal(id("flex-own"), pair.from(), pair.to());
		body.put("initialNotificationMessage", "not sent: the customer is already talking to an agent");

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult((String) body.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path(existing.getKey()).asString()).isEqualTo(existing.getValue());
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
		assertThat(backend().messagesOf(result)).isEmpty();
	}

	@Test
	void resumesAfterACrashBetweenTheOutreachAndTheFirstMessage() {
		Pair pair = newPair();
		String requestId = id("crash-before-message");
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);
		JsonNode made = this.taps.awaitResult(requestId);
		leaveAsACrashedWorkerWould(pair, requestId);
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("initialNotificationMessage", "Your appointment is tomorrow");

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode resumed = this.taps.awaitResults(requestId, 2).get(1);
		assertThat(resumed.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(backend().sidFields())
			.allSatisfy((field) -> assertThat(resumed.path(field)).isEqualTo(made.path(field)));
		assertThat(backend().messagesOf(resumed)).containsExactly("Your appointment is tomorrow");
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
	}

	@Test
	void deadLettersABadRequestAndGoesOn() {
		String requestId = id("bad");
		Map<String, Object> body = RequestBodies.minimal(requestId, "+15555550100", "12");

		this.taps.publish(RequestBodies.json(body), null);

		Message deadLetter = this.taps.awaitDeadLetter(requestId);
		assertThat(deadLetter.getMessageProperties().getHeaders()).containsEntry("x-error-code", "INVALID_REQUEST");
		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("backend").asString()).isEqualTo(backend().name());
		assertThat(result.path("error").path("message").asString()).contains("fromNumber: is not a valid phone number",
				"toNumber: is not a valid phone number");
		Pair pair = newPair();
		String goodId = id("good-after-bad");
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(goodId, pair.from(), pair.to())), null);
		assertThat(this.taps.awaitResult(goodId).path("outcome").asString()).isEqualTo("CREATED");
	}

	@Test
	void failsForGoodWithTheTwilioCodeWhenTwilioRejectsTheOutreach() {
		Pair pair = newPair();
		String requestId = id("rejected");
		this.emulator.faults().failNext("POST", backend().createPath(), 400, 20001, "Invalid parameter");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);

		Map<String, Object> headers = this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "TWILIO_REJECTED")
			.containsEntry("x-twilio-code", 20001)
			.containsEntry("x-twilio-status", 400)
			.containsEntry("x-attempts", 1);
		JsonNode error = this.taps.awaitResult(requestId).path("error");
		assertThat(error.path("twilioCode").asInt()).isEqualTo(20001);
		assertThat(error.path("retryable").asBoolean()).isFalse();
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
	}

	@Test
	void reportsWhatExistsWhenOnlyTheFirstMessageIsRefusedAndKeepsThePairTaken() {
		Pair pair = newPair();
		String requestId = id("message-refused");
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("initialNotificationMessage", "Your appointment is tomorrow");
		this.emulator.faults().failNext("POST", ".*/Messages", 400, 21614, "'To' number is not a valid mobile number");

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(backend().sidFields()).allSatisfy((field) -> assertThat(result.path(field).isString()).isTrue());
		assertThat(result.has(backend().messageSidField())).isFalse();
		assertThat(result.has("error")).isFalse();
		assertThat(result.path("messageError").path("twilioCode").asInt()).isEqualTo(21614);
		assertThat(result.path("messageError").path("retryable").asBoolean()).isFalse();
		assertThat(backend().messagesOf(result)).isEmpty();
		assertThat(this.taps.deadLetters(requestId)).isEmpty();
		assertThat(storedState(pair)).isEqualTo("OPEN");

		String nextId = id("message-refused-next");
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(nextId, pair.from(), pair.to())), null);
		JsonNode next = this.taps.awaitResult(nextId);
		assertThat(next.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(backend().sidFields())
			.allSatisfy((field) -> assertThat(next.path(field)).isEqualTo(result.path(field)));
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
	}

	@Test // #15
	void failsForGoodWhenTheCustomerOptedOutNamingWhatWasMadeAndNeverPostsAgain() {
		Pair pair = newPair();
		String requestId = id("opted-out");
		String body = RequestBodies.json(optedOut(requestId, pair));

		this.taps.publish(body, null);
		JsonNode result = this.taps.awaitResult(requestId);
		// a copy, as a redelivery, a producer's second publish or a replay brings it
		this.taps.publish(body, null);
		JsonNode again = this.taps.awaitResults(requestId, 2).get(1);

		assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(result.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(result.path("error").path("twilioCode").asInt()).isEqualTo(21610);
		assertThat(result.path("error").path("retryable").asBoolean()).isFalse();
		assertThat(backend().sidFields()).allSatisfy((field) -> assertThat(result.path(field).isString()).isTrue());
		assertThat(result.has(backend().messageSidField())).isFalse();
		assertThat(again.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(again.path("error").path("code").asString()).isEqualTo("RECIPIENT_OPTED_OUT");
		assertThat(backend().sidFields())
			.allSatisfy((field) -> assertThat(again.path(field)).isEqualTo(result.path(field)));
		await().atMost(CapturedMessages.PATIENCE)
			.untilAsserted(() -> assertThat(this.taps.deadLetters(requestId)).hasSize(2));
		assertThat(this.taps.deadLetters(requestId))
			.allSatisfy((deadLetter) -> assertThat(deadLetter.getMessageProperties().getHeaders())
				.containsEntry("x-error-code", "RECIPIENT_OPTED_OUT")
				.containsEntry("x-twilio-code", 21610)
				.containsEntry("x-twilio-status", 400)
				.containsEntry("x-attempts", 1));
		assertThat(messagePosts(result)).isEqualTo(1);
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
	}

	@Test // #15
	void keepsTheOutreachOfAnOptedOutCustomerOpenAndReusesItWithoutPosting() {
		Pair pair = newPair();
		String requestId = id("opted-out-first");
		this.taps.publish(RequestBodies.json(optedOut(requestId, pair)), null);
		JsonNode failed = this.taps.awaitResult(requestId);
		Map<String, Object> next = RequestBodies.minimal(id("opted-out-next"), pair.from(), pair.to());
		next.put("initialNotificationMessage", "not sent: the outreach is reused");

		this.taps.publish(RequestBodies.json(next), null);

		JsonNode reused = this.taps.awaitResult((String) next.get("requestId"));
		assertThat(storedState(pair)).isEqualTo("OPEN");
		assertThat(reused.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(backend().sidFields())
			.allSatisfy((field) -> assertThat(reused.path(field)).isEqualTo(failed.path(field)));
		assertThat(messagePosts(failed)).isEqualTo(1);
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
	}

	/**
	 * A request with a first message, which Twilio will refuse because the customer opted
	 * out.
	 */
	private Map<String, Object> optedOut(String requestId, Pair pair) {
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("initialNotificationMessage", "Your appointment is tomorrow");
		this.emulator.faults().failNext("POST", ".*/Messages", 400, 21610, "Attempt to send to unsubscribed recipient");
		return body;
	}

	/**
	 * The message posts Twilio received for the outreach a result names, refused or not.
	 */
	private long messagePosts(JsonNode result) {
		String container = result.has("conversationSid") ? result.path("conversationSid").asString()
				: result.path("chatChannelSid").asString();
		return this.emulator.requests("POST", ".*/Messages")
			.stream()
			.filter((request) -> request.path().contains("/" + container + "/"))
			.count();
	}

	@Test
	void retriesATransientFailureAndCreatesOnce() {
		Pair pair = newPair();
		String requestId = id("transient");
		this.emulator.faults().failNext("POST", backend().createPath(), 503, 20500, "Service unavailable");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
		assertThat(this.taps.deadLetters(requestId)).isEmpty();
	}

	@Test
	void givesUpAfterTheLastAttemptWithTheLastCause() {
		Pair pair = newPair();
		String requestId = id("exhausted");
		this.emulator.faults().failNext("POST", backend().createPath(), 429, 20429, "Too many requests", 3);

		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, pair.from(), pair.to())), null);

		Map<String, Object> headers = this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-error-code", "RETRIES_EXHAUSTED")
			.containsEntry("x-attempts", 3)
			.containsEntry("x-twilio-code", 20429);
		JsonNode error = this.taps.awaitResult(requestId).path("error");
		assertThat(error.path("retryable").asBoolean()).isTrue();
		assertThat(backend().activeOutreachesOf(pair.to())).isZero();
	}

	/**
	 * Turns the pair's open outreach back into the pending row a worker that died after
	 * making it, but before the first message, leaves behind: no stored outcome, lease
	 * run out.
	 */
	private void leaveAsACrashedWorkerWould(Pair pair, String requestId) {
		this.jdbc.sql("DELETE FROM request_outcome WHERE request_id = ?").param(requestId).update();
		this.jdbc.sql("""
				UPDATE outreach SET state = 'PENDING', opened_at = NULL, checked_at = NULL,
				    lease_owner = 'dead-worker', lease_until = now() - INTERVAL '1' MINUTE
				WHERE to_number = ?""").param(pair.to()).update();
	}

	Pair newPair() {
		Pair pair = new Pair(TestNumbers.twilioNumber(), TestNumbers.customerNumber());
		backend().prepare(pair.from());
		return pair;
	}

	String id(String scenario) {
		return backend().name() + "-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private String storedState(Pair pair) {
		return this.jdbc.sql("SELECT state FROM outreach WHERE from_number = ? AND to_number = ?")
			.params(pair.from(), pair.to())
			.query(String.class)
			.single();
	}

	record Pair(String from, String to) {
	}

	@Test
	void keepsTheTaskAttributesThatTieATaskToItsOutreachOutOfTheRequestsReach() {
		Pair pair = newPair();
		Map<String, Object> forged = Map.of("conversationSid", "CH-forged", "flexInteractionSid", "KD-forged",
				"flexInteractionChannelSid", "UO-forged", "outboundSmsOutreachId", "forged", "ticketId", 4711);
		Map<String, Object> body = RequestBodies.minimal(id("reserved"), pair.from(), pair.to());
		body.put("taskAttributes", forged);

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult((String) body.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		Map<String, Object> attributes = backend().taskAttributesOf(result);
		assertThat(attributes).containsEntry("ticketId", 4711);
		forged.forEach((key, value) -> {
			if (!key.equals("ticketId")) {
				assertThat(attributes).doesNotContainEntry(key, value);
			}
		});
	}

	@Test
	void routesTheTaskToTheWorkerTheRequestNames() {
		Pair pair = newPair();
		Map<String, Object> body = RequestBodies.minimal(id("target-worker"), pair.from(), pair.to());
		body.put("targetWorkerSid", "WK0123456789abcdef0123456789abcdef");

		this.taps.publish(RequestBodies.json(body), null);

		JsonNode result = this.taps.awaitResult((String) body.get("requestId"));
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(backend().targetWorkerOf(result)).isEqualTo("WK0123456789abcdef0123456789abcdef");
	}

	@Test
	void deadLettersATargetWorkerSidThatIsNotOne() {
		Pair pair = newPair();
		String requestId = id("bad-target-worker");
		Map<String, Object> body = RequestBodies.minimal(requestId, pair.from(), pair.to());
		body.put("targetWorkerSid", "WQ0123456789abcdef0123456789abcdef");

		this.taps.publish(RequestBodies.json(body), null);

		assertThat(this.taps.awaitDeadLetter(requestId).getMessageProperties().getHeaders())
			.containsEntry("x-error-code", "INVALID_REQUEST");
		assertThat(this.taps.awaitResult(requestId).path("error").path("message").asString())
			.contains("targetWorkerSid: must be WK followed by 32 hex digits");
		assertThat(backend().createsFor(pair.to())).isZero();
	}

}
