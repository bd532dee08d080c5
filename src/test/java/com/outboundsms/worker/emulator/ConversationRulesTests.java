package com.outboundsms.worker.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of Flex Conversations, checked on the backend without HTTP: one open
 * conversation per customer and Twilio number (80102), closing frees the pair, closed
 * conversations take no messages and stay closed.
 */
class ConversationRulesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.750Z");

	private static final MessagingBinding PAIR = new MessagingBinding("+15551230000", "+15559990000");

	private EmulatorState state;

	private ConversationsBackend backend;

	private InteractionBackend interactions;

	private MessageBackend messages;

	@BeforeEach
	void setUp() {
		this.state = new EmulatorState(Clock.fixed(NOW, ZoneOffset.UTC), "AC00000000000000000000000000000000");
		this.backend = new ConversationsBackend(this.state);
		this.interactions = new InteractionBackend(this.state, this.backend);
		this.messages = new MessageBackend(this.state, this.backend);
	}

	@Test
	void customerInAnOpenConversationIsRejectedWith80102AndNothingIsCreated() {
		this.interactions.create(interaction(PAIR));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.interactions.create(interaction(PAIR)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(80102);
				assertThat(ex.status()).isEqualTo(ConversationsBackend.ALREADY_IN_INTERACTION_STATUS);
			});
		assertThat(this.state.conversations.interactions()).hasSize(1);
		assertThat(this.state.conversations.conversations()).hasSize(1);
		assertThat(this.state.conversations.tasks()).hasSize(1);
		assertThat(this.state.conversations.participantConflicts()).isEqualTo(1);
	}

	@Test
	void anInactiveConversationStillHoldsThePair() {
		Interaction first = this.interactions.create(interaction(PAIR));
		this.backend.update(first.conversationSid(), ConversationFields.state("inactive"));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.interactions.create(interaction(PAIR)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80102));
	}

	@Test
	void sameCustomerOnAnotherNumberOrAnotherCustomerIsAllowed() {
		this.interactions.create(interaction(PAIR));

		this.interactions.create(interaction(new MessagingBinding(PAIR.address(), "+15558880000")));
		this.interactions.create(interaction(new MessagingBinding("+15550000000", PAIR.proxyAddress())));

		assertThat(this.state.conversations.conversations()).hasSize(3);
	}

	@Test
	void closingFreesThePairAndCompletesTheTask() {
		Interaction first = this.interactions.create(interaction(PAIR));

		Conversation closed = this.backend.close(first.conversationSid());
		Interaction second = this.interactions.create(interaction(PAIR));

		assertThat(closed.isClosed()).isTrue();
		assertThat(closed.dateClosed()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(this.backend.close(first.conversationSid())).isEqualTo(closed);
		assertThat(this.state.conversations.task(first.taskSid()).status()).isEqualTo("completed");
		assertThat(this.state.conversations.task(second.taskSid()).status()).isEqualTo("pending");
	}

	@Test
	void closedConversationTakesNoMessageAndCannotBeReopened() {
		Interaction interaction = this.interactions.create(interaction(PAIR));
		this.backend.close(interaction.conversationSid());

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.messages.post(interaction.conversationSid(), "hi", null, null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ConversationsBackend.CONVERSATION_CLOSED));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.backend.update(interaction.conversationSid(), ConversationFields.state("active")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ConversationsBackend.CONVERSATION_CLOSED));
	}

	@Test
	void messageWakesAnInactiveConversationAndIsTextedFromTheProxyAddress() {
		Interaction interaction = this.interactions.create(interaction(PAIR));
		this.backend.update(interaction.conversationSid(), ConversationFields.state("inactive"));

		ConversationMessage message = this.messages.post(interaction.conversationSid(), "Hello", null, null);

		assertThat(message.author()).isEqualTo("system");
		assertThat(message.attributes()).isEqualTo("{}");
		assertThat(this.state.conversations.conversation(interaction.conversationSid()).state()).isEqualTo("active");
		assertThat(this.state.chat.delivered()).containsExactly(new DeliveredSms(null, interaction.conversationSid(),
				PAIR.address(), PAIR.proxyAddress(), "Hello", Instant.parse("2026-11-23T10:15:30Z")));
	}

	@Test
	void updateRejectsAnUnknownStateAndAttributesThatAreNotJson() {
		Interaction interaction = this.interactions.create(interaction(PAIR));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.backend.update(interaction.conversationSid(), ConversationFields.state("open")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.backend.update(interaction.conversationSid(),
					new ConversationFields(null, null, "{", null, null, null)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
	}

	@Test
	void addressListsClosedAndOpenConversationsAndIdentityOrAddressIsRequired() {
		Interaction first = this.interactions.create(interaction(PAIR));
		this.backend.close(first.conversationSid());
		Interaction second = this.interactions.create(interaction(PAIR));

		assertThat(this.backend.participantConversations(PAIR.address(), null))
			.extracting((row) -> row.conversation().sid(), (row) -> row.conversation().state())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(first.conversationSid(), "closed"),
					org.assertj.core.groups.Tuple.tuple(second.conversationSid(), "active"));
		assertThat(this.backend.participantConversations("+10000000000", null)).isEmpty();
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.backend.participantConversations(null, null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
	}

	private static NewInteraction interaction(MessagingBinding pair) {
		return new NewInteraction("{\"type\":\"sms\"}", "sms", List.of(pair), "{}",
				new TaskRouting("WS1", "WW1", null, null, "sms", 0, 86400, "{\"direction\":\"outbound\"}"), null, null);
	}

}
