package com.outboundsms.worker;

import java.time.Duration;

import com.outboundsms.worker.emulator.Conversation;
import com.outboundsms.worker.emulator.Interaction;
import com.outboundsms.worker.emulator.InteractionSetup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flex-conversations scenarios with the emulator answering creates the way Twilio
 * documents them: accepted at once, set up a little later, and a customer already in
 * another conversation failing the interaction's channel with 80102 instead of the
 * create; and what only this way shows.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "twilio.interaction-setup.poll=50ms", "twilio.interaction-setup.max-wait=2s" })
@ExtendWith(OutputCaptureExtension.class)
class FlexConversationsDeferredSetupIntegrationTests extends FlexConversationsScenarios {

	private static final Duration SETUP_DELAY = Duration.ofMillis(100);

	@Autowired
	MeterRegistry registry;

	@BeforeEach
	void setUpInteractionsLater() {
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(SETUP_DELAY));
	}

	@AfterEach
	void setUpInteractionsAtOnce() {
		this.twilioEmulator.setUpInteractions(InteractionSetup.immediate());
	}

	@Test
	void closesItsInteractionAndReusesTheCustomersConversationWhenTwilioCouldNotAddTheCustomer() {
		Pair pair = newPair();
		String requestId = id("async-80102");
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ofHours(1)));

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);
		await().atMost(CapturedMessages.PATIENCE).until(() -> backend().createsFor(pair.to()) == 1);
		Conversation foreign = this.twilioEmulator.createConversationFor(pair.to(), pair.from());
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("REUSED");
		assertThat(result.path("conversationSid").asString()).isEqualTo(foreign.sid());
		assertThat(backend().interactionsOf(pair.to())).singleElement().satisfies((ours) -> {
			assertThat(ours.channelStatus()).isEqualTo("closed");
			assertThat(ours.errorCode()).isEqualTo(80102);
			assertThat(this.twilioEmulator.conversationMessages(ours.conversationSid())).isEmpty();
		});
		assertThat(tasksOf(pair.to())).singleElement()
			.satisfies((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(this.twilioEmulator.conversationMessages(foreign.sid())).isEmpty();
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
	}

	@Test
	void learnsTheConversationTwilioSetsUpAfterAnsweringWithinTheFirstAttempt(CapturedOutput output) {
		Pair pair = newPair();
		String requestId = id("answer-without-conversation");
		// the create's answer cannot name the
		// conversation: it is made by the next request
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);

		JsonNode result = this.taps.awaitResult(requestId);
		Interaction made = backend().interactionsOf(pair.to()).get(0);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(1);
		assertThat(result.path("conversationSid").asString()).isEqualTo(made.conversationSid());
		assertThat(backend().messagesOf(result)).containsExactly("Hello from the clinic");
		assertThat(output.getAll().lines().filter((line) -> line.contains(requestId)))
			.noneMatch((line) -> line.contains("\"level\":\"ERROR\"") || line.matches(".*\\bERROR\\b.*"));
	}

	@Test
	void resumesFromTheInteractionItMadeWhenTwilioTakesLongerThanTheWait() {
		Pair pair = newPair();
		String requestId = id("slow-setup");
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ofHours(1)));
		double retriesBefore = retries();

		this.taps.publish(RequestBodies.json(withMessage(requestId, pair)), null);
		await().atMost(CapturedMessages.PATIENCE).until(() -> retries() > retriesBefore);
		this.twilioEmulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));

		JsonNode result = this.taps.awaitResult(requestId);
		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("attempts").asInt()).isEqualTo(2);
		assertThat(backend().createsFor(pair.to())).isEqualTo(1);
		assertThat(backend().messagesOf(result)).containsExactly("Hello from the clinic");
		assertThat(backend().activeOutreachesOf(pair.to())).isEqualTo(1);
	}

	private double retries() {
		return this.registry.find("outbound.sms.retries").counters().stream().mapToDouble(Counter::count).sum();
	}

}
