package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.List;

import com.outboundsms.worker.processing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Interactions set up the documented way, checked on the backend without HTTP: accepted
 * at once, set up once the delay has passed and in order, a customer already in an open
 * conversation failing the channel with 80102 instead of the create, and a channel closed
 * by the API or with its conversation.
 */
class InteractionSetupRulesTests {

	private static final MessagingBinding PAIR = new MessagingBinding("+15551230000", "+15559990000");

	private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00.100Z");

	private EmulatorState state;

	private ConversationsBackend conversations;

	private InteractionBackend interactions;

	@BeforeEach
	void setUp() {
		this.state = new EmulatorState(this.clock, "AC00000000000000000000000000000000");
		this.conversations = new ConversationsBackend(this.state);
		this.interactions = new InteractionBackend(this.state, this.conversations);
		this.state.conversations.setup(InteractionSetup.deferred(Duration.ofMillis(300)));
	}

	@Test
	void acceptsACreateAtOnceAndSetsItUpOnceTheDelayHasPassed() {
		Interaction accepted = this.interactions.create(interaction(PAIR));
		InteractionTask taskAccepted = this.state.conversations.task(accepted.taskSid());

		this.clock.advance(Duration.ofMillis(299));
		this.interactions.setUpDue();
		Interaction waiting = this.state.conversations.interaction(accepted.sid());
		this.clock.advance(Duration.ofMillis(1));
		this.interactions.setUpDue();
		Interaction setUp = this.state.conversations.interaction(accepted.sid());

		assertThat(accepted.channelStatus()).isEqualTo("setup");
		assertThat(accepted.conversationSid()).isNull();
		assertThat(taskAccepted.attributes().has("conversationSid")).isFalse();
		assertThat(taskAccepted.attributes().get("flexInteractionSid").asString()).isEqualTo(accepted.sid());
		assertThat(waiting.channelStatus()).isEqualTo("setup");
		assertThat(this.state.conversations.conversations()).singleElement()
			.satisfies((conversation) -> assertThat(conversation.hasParticipant(PAIR)).isTrue());
		assertThat(setUp.channelStatus()).isEqualTo("active");
		assertThat(setUp.conversationSid()).isNotNull();
		assertThat(this.state.conversations.task(accepted.taskSid()).attributes().get("conversationSid").asString())
			.isEqualTo(setUp.conversationSid());
		assertThat(this.state.conversations.task(accepted.taskSid()).conversationSid())
			.isEqualTo(setUp.conversationSid());
	}

	@Test
	void failsTheChannelWith80102InsteadOfTheCreateWhenTheCustomerIsAlreadyInAnOpenConversation() {
		Conversation held = this.conversations.createConversationFor(PAIR);

		Interaction accepted = this.interactions.create(interaction(PAIR));
		this.clock.advance(Duration.ofMillis(300));
		this.interactions.setUpDue();
		Interaction failed = this.state.conversations.interaction(accepted.sid());

		assertThat(failed.channelStatus()).isEqualTo("failed");
		assertThat(failed.errorCode()).isEqualTo(80102);
		assertThat(failed.errorMessage()).contains("Participant Already In Interaction");
		assertThat(this.state.conversations.conversation(failed.conversationSid()).participants()).isEmpty();
		assertThat(this.state.conversations.openHolder(PAIR)).contains(held);
		assertThat(this.state.conversations.task(accepted.taskSid()).status()).isEqualTo("pending");
		assertThat(this.state.conversations.participantConflicts()).isEqualTo(1);
	}

	@Test
	void setsInteractionsUpInTheOrderTheyCameSoTheFirstOneGetsTheCustomer() {
		Interaction first = this.interactions.create(interaction(PAIR));
		this.clock.advance(Duration.ofMillis(100));
		Interaction second = this.interactions.create(interaction(PAIR));

		this.clock.advance(Duration.ofMillis(200));
		this.interactions.setUpDue();
		Interaction firstNow = this.state.conversations.interaction(first.sid());
		Interaction secondWaiting = this.state.conversations.interaction(second.sid());
		this.clock.advance(Duration.ofMillis(100));
		this.interactions.setUpDue();

		assertThat(firstNow.channelStatus()).isEqualTo("active");
		assertThat(secondWaiting.channelStatus()).isEqualTo("setup");
		assertThat(this.state.conversations.interaction(second.sid()).errorCode()).isEqualTo(80102);
		assertThat(this.state.conversations.openHolder(PAIR).orElseThrow().sid()).isEqualTo(firstNow.conversationSid());
	}

	@Test
	void aShorterDelayReleasesTheInteractionsWaiting() {
		this.state.conversations.setup(InteractionSetup.deferred(Duration.ofHours(1)));
		Interaction accepted = this.interactions.create(interaction(PAIR));
		this.interactions.setUpDue();

		this.state.conversations.setup(InteractionSetup.deferred(Duration.ZERO));
		this.interactions.setUpDue();

		assertThat(this.state.conversations.interaction(accepted.sid()).channelStatus()).isEqualTo("active");
	}

	@Test
	void closingAChannelClosesItsConversationCompletesItsTaskAndKeepsWhyItFailed() {
		this.conversations.createConversationFor(PAIR);
		Interaction accepted = this.interactions.create(interaction(PAIR));
		this.clock.advance(Duration.ofMillis(300));
		this.interactions.setUpDue();

		Interaction closed = this.interactions.updateChannel(accepted.sid(), accepted.channelSid(), "closed");

		assertThat(closed.channelStatus()).isEqualTo("closed");
		assertThat(closed.errorCode()).isEqualTo(80102);
		assertThat(this.state.conversations.conversation(closed.conversationSid()).isClosed()).isTrue();
		assertThat(this.state.conversations.task(accepted.taskSid()).status()).isEqualTo("completed");
		assertThat(this.interactions.updateChannel(accepted.sid(), accepted.channelSid(), "closed")).isEqualTo(closed);
	}

	@Test
	void aChannelClosedWhileBeingSetUpIsNeverSetUp() {
		Interaction accepted = this.interactions.create(interaction(PAIR));

		this.interactions.updateChannel(accepted.sid(), accepted.channelSid(), "closed");
		this.clock.advance(Duration.ofSeconds(1));
		this.interactions.setUpDue();

		assertThat(this.state.conversations.interaction(accepted.sid()).conversationSid()).isNull();
		assertThat(this.state.conversations.conversations()).isEmpty();
		assertThat(this.state.conversations.task(accepted.taskSid()).status()).isEqualTo("completed");
	}

	@Test
	void closingTheConversationClosesItsInteractionsChannel() {
		this.state.conversations.setup(InteractionSetup.immediate());
		Interaction interaction = this.interactions.create(interaction(PAIR));

		this.conversations.close(interaction.conversationSid());

		assertThat(this.state.conversations.interaction(interaction.sid()).channelStatus()).isEqualTo("closed");
		assertThat(this.state.conversations.interaction(interaction.sid()).errorCode()).isNull();
	}

	@Test
	void refusesAChannelOfAnotherInteractionAndAStatusOtherThanClosed() {
		Interaction interaction = this.interactions.create(interaction(PAIR));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.interactions.channel(interaction.sid(), "UO00000000000000000000000000000000"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20404));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.interactions.updateChannel(interaction.sid(), interaction.channelSid(), "inactive"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.interactions.updateChannel(interaction.sid(), interaction.channelSid(), null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
	}

	@Test
	void findsAnAddressesConversationsThroughTheIndexAsTheyComeAndGo() {
		this.state.conversations.setup(InteractionSetup.immediate());
		Interaction first = this.interactions.create(interaction(PAIR));
		this.conversations.close(first.conversationSid());
		Interaction second = this.interactions.create(interaction(PAIR));
		this.interactions.create(interaction(new MessagingBinding("+15550000000", PAIR.proxyAddress())));

		List<String> before = this.conversations.participantConversations(PAIR.address(), null)
			.stream()
			.map((row) -> row.conversation().sid())
			.toList();
		this.conversations.delete(first.conversationSid());
		List<String> after = this.conversations.participantConversations(PAIR.address(), null)
			.stream()
			.map((row) -> row.conversation().sid())
			.toList();

		assertThat(before).containsExactly(first.conversationSid(), second.conversationSid());
		assertThat(after).containsExactly(second.conversationSid());
	}

	private static NewInteraction interaction(MessagingBinding pair) {
		return new NewInteraction("{\"type\":\"sms\"}", "sms", List.of(pair), "{}",
				new TaskRouting("WS1", "WW1", null, null, "sms", 0, 86400, "{\"direction\":\"outbound\"}"), null, null);
	}

}
