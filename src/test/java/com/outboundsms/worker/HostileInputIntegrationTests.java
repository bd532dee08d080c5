package com.outboundsms.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.outboundsms.worker.HostileMessages.Hostile;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and malformed messages each end in the dead-letter queue once, with their
 * reasons and one failed result event, without a Twilio call; the worker goes on
 * processing, and its heap does not grow with the number of such messages.
 */
@WorkerIntegrationTest
class HostileInputIntegrationTests {

	private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

	private static final int ROUNDS = 20;

	private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	static Stream<Arguments> corpus() {
		return HostileMessages.corpus(TAG).stream().map((hostile) -> Arguments.of(Named.of(hostile.name(), hostile)));
	}

	@Test
	void holdsAtLeastThirtyDistinctCases() {
		List<Hostile> corpus = HostileMessages.corpus(TAG);

		assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
		assertThat(corpus.stream().map(Hostile::name)).doesNotHaveDuplicates();
		assertThat(corpus.stream().map(Hostile::requestId)).doesNotHaveDuplicates();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void deadLettersOnceWithTheReasonAndGoesOn(Hostile hostile) {
		String id = hostile.requestId();
		int twilioCallsBefore = this.emulator.requests().size();

		this.taps.publish(hostile.message());

		Message deadLetter = this.taps.awaitDeadLetter(id);
		Map<String, Object> headers = deadLetter.getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-request-id", id)
			.containsEntry("x-error-code", "INVALID_REQUEST")
			.containsEntry("x-attempts", 1);
		assertThat((String) headers.get("x-error-message")).startsWith("invalid request: ").contains(hostile.reasons());
		assertThat(deadLetter.getBody()).isEqualTo(hostile.body());
		assertThat(deadLetter.getMessageProperties().getMessageId()).isEqualTo(hostile.messageId());
		JsonNode result = this.taps.awaitResult(id);
		assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(result.path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(result.path("error").path("message").asString()).contains(hostile.reasons());
		assertThat(this.emulator.requests()).hasSize(twilioCallsBefore);

		// a good request behind it is processed, and by then a hostile message that
		// looped or was settled twice would have shown a second copy or event
		String good = createGoodRequest("after-" + id.hashCode() + "-" + TAG);
		assertThat(this.taps.awaitResult(good).path("outcome").asString()).isEqualTo("CREATED");
		assertThat(this.taps.deadLetters(id)).hasSize(1);
		assertThat(this.taps.results(id)).hasSize(1);
		// the broker's own delivery-limit dead-lettering carries no x-request-id
		assertThat(this.taps.deadLetters("null")).isEmpty();
	}

	@Test
	void keepsTheHeapFlatUnderRoundsOfTheWholeCorpus() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		int twilioCallsBefore = this.emulator.requests().size();
		// a first round loads classes and fills caches and pools once
		publishRoundAndForget("warm-" + TAG);
		long before = usedHeapAfterGc(memory);

		int messages = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			messages += publishRoundAndForget("r" + round + "-" + TAG);
		}
		long after = usedHeapAfterGc(memory);

		System.out.printf(
				"Heap after GC with hostile input: before=%d KiB, after=%d KiB, growth=%d KiB, "
						+ "messages=%d (%d rounds of %d)%n",
				before / 1024, after / 1024, (after - before) / 1024, messages, ROUNDS, messages / ROUNDS);
		assertThat(after - before).isLessThan(HEAP_GROWTH_BOUND);
		assertThat(this.emulator.requests()).hasSize(twilioCallsBefore);
		assertThat(this.taps.deadLetters("null")).isEmpty();
	}

	/** Publishes the corpus, waits for every dead letter and result, then drops them. */
	private int publishRoundAndForget(String tag) {
		List<Hostile> corpus = HostileMessages.corpus(tag);
		corpus.forEach((hostile) -> this.taps.publish(hostile.message()));
		// one wait for the whole round: a wait per message would mostly measure polling
		await().atMost(CapturedMessages.PATIENCE)
			.until(() -> corpus.stream()
				.allMatch((hostile) -> !this.taps.deadLetters(hostile.requestId()).isEmpty()
						&& !this.taps.results(hostile.requestId()).isEmpty()));
		for (Hostile hostile : corpus) {
			String id = hostile.requestId();
			assertThat(this.taps.deadLetters(id)).as(hostile.name())
				.singleElement()
				.satisfies((deadLetter) -> assertThat(deadLetter.getMessageProperties().getHeaders())
					.containsEntry("x-error-code", "INVALID_REQUEST"));
			assertThat(CapturedMessages.json(this.taps.results(id).get(0)).path("outcome").asString())
				.as(hostile.name())
				.isEqualTo("FAILED");
			this.taps.forget(id);
		}
		return corpus.size();
	}

	private static long usedHeapAfterGc(MemoryMXBean memory) {
		long[] readings = new long[5];
		for (int i = 0; i < readings.length; i++) {
			System.gc();
			readings[i] = memory.getHeapMemoryUsage().getUsed();
		}
		return Arrays.stream(readings).min().orElseThrow();
	}

	private String createGoodRequest(String requestId) {
		String from = TestNumbers.twilioNumber();
		this.emulator.createFlexFlow(from);
		this.taps.publish(RequestBodies.json(RequestBodies.minimal(requestId, from, TestNumbers.customerNumber())),
				null);
		return requestId;
	}

}
