package com.outboundsms.worker.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rules of "message now, task on reply", checked on the backends without HTTP: one
 * open conversation per binding across the Conversations and Interactions APIs, state
 * timers applied by the emulator's clock at the time they were due, opt-outs, and the
 * limits of scoped webhooks.
 */
class NotifyRulesTests {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	private static final MessagingBinding PAIR = new MessagingBinding("+15551230000", "+15559990000");

	private final List<String> changes = new ArrayList<>();

	private EmulatorState state;

	private ConversationsBackend conversations;

	private ParticipantBackend participants;

	private MessageBackend messages;

	private TimerBackend timers;

	@BeforeEach
	void setUp() {
		this.state = new EmulatorState(Clock.fixed(NOW, ZoneOffset.UTC), "AC00000000000000000000000000000000");
		this.conversations = new ConversationsBackend(this.state, (from, changed, reason) -> this.changes
			.add(from + ">" + changed.state() + " " + reason + " " + TwilioTime.format(changed.updated())));
		this.participants = new ParticipantBackend(this.state, this.conversations);
		this.messages = new MessageBackend(this.state, this.conversations);
		this.timers = new TimerBackend(this.state, this.conversations);
	}

	@Test
	void timersChangeTheStateAtTheTimeTheyWereDueOldestFirst() {
		Conversation early = timed("PT1M", "PT10M");
		Conversation late = timed("PT5M", "PT30M");

		this.state.advance(Duration.ofMinutes(20));
		this.timers.applyDue();

		assertThat(this.changes).containsExactly("active>inactive TIMER 2026-12-01T09:01:00Z",
				"active>inactive TIMER 2026-12-01T09:05:00Z", "inactive>closed TIMER 2026-12-01T09:10:00Z");
		assertThat(this.state.conversations.conversation(early.sid()).dateClosed())
			.isEqualTo(Instant.parse("2026-12-01T09:10:00Z"));
		assertThat(this.state.conversations.conversation(late.sid()).state()).isEqualTo("inactive");
		assertThat(this.state.conversations.timedConversations()).isEqualTo(1);
	}

	@Test
	void nextTimedChangeDependsOnTheStateAndTheEarlierTimer() {
		ConversationTimers both = new ConversationTimers(Duration.ofMinutes(1), Duration.ofMinutes(10), NOW);
		ConversationTimers closingFirst = new ConversationTimers(Duration.ofHours(1), Duration.ofMinutes(10), NOW);

		assertThat(both.next("active")).isEqualTo(new ConversationTimers.TimedChange("inactive", NOW.plusSeconds(60)));
		assertThat(both.next("inactive")).isEqualTo(new ConversationTimers.TimedChange("closed", NOW.plusSeconds(600)));
		assertThat(both.next("closed")).isNull();
		assertThat(closingFirst.next("active"))
			.isEqualTo(new ConversationTimers.TimedChange("closed", NOW.plusSeconds(600)));
		assertThat(ConversationTimers.none(NOW).next("active")).isNull();
		assertThat(both.restartedAt(NOW.plusSeconds(30)).dateClosed()).isEqualTo(NOW.plusSeconds(630));
	}

	@Test
	void timerDurationsAreIsoWithTwiliosMinimums() {
		assertThat(ConversationTimers.parse("Timers.Closed", "P1DT2H", ConversationTimers.MIN_CLOSED))
			.isEqualTo(Duration.ofHours(26));
		assertThat(ConversationTimers.parse("Timers.Closed", null, ConversationTimers.MIN_CLOSED)).isNull();
		for (String invalid : List.of("P1W", "10m", "PT9M59S", "-PT1H")) {
			assertThatExceptionOfType(TwilioApiException.class)
				.isThrownBy(() -> ConversationTimers.parse("Timers.Closed", invalid, ConversationTimers.MIN_CLOSED))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
		}
	}

	@Test
	void aBindingIsInOneOpenConversationWhicheverApiMadeIt() {
		Conversation seeded = this.conversations.createConversationFor(PAIR);
		Conversation direct = this.conversations.create(new ConversationFields(null, null, null, null, null, null));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.participants.add(direct.sid(), null, PAIR.address(), PAIR.proxyAddress(), null))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(50416);
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.getMessage()).endsWith("Conversation " + seeded.sid());
			});
		this.conversations.close(seeded.sid());
		ConversationParticipant added = this.participants.add(direct.sid(), null, PAIR.address(), PAIR.proxyAddress(),
				null);
		assertThat(this.state.conversations.openHolder(PAIR))
			.hasValueSatisfying((holder) -> assertThat(holder.sid()).isEqualTo(direct.sid()));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.conversations.createConversationFor(PAIR))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80102));
		this.participants.remove(direct.sid(), added.sid());
		assertThat(this.state.conversations.openHolder(PAIR)).isEmpty();
	}

	@Test
	void aParticipantNeedsAnAddressWithItsProxyAddressOrAnIdentityOnce() {
		Conversation direct = this.conversations.create(new ConversationFields(null, null, null, null, null, null));
		this.participants.add(direct.sid(), "agent", null, null, null);

		assertThat(List.<Runnable>of(() -> this.participants.add(direct.sid(), null, null, null, null),
				() -> this.participants.add(direct.sid(), null, PAIR.address(), null, null),
				() -> this.participants.add(direct.sid(), "agent", null, null, null),
				() -> this.participants.add(direct.sid(), null, PAIR.address(), PAIR.proxyAddress(), "{")))
			.extracting((attempt) -> codeOf(attempt))
			.containsExactly(20001, 20001, 50433, 20001);
	}

	@Test
	void aMessageToACustomerWhoOptedOutIsRefusedAndRecorded() {
		Conversation conversation = this.conversations.createConversationFor(PAIR);
		this.state.optOuts.add(PAIR.proxyAddress(), PAIR.address());

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.messages.post(conversation.sid(), "Hello", null, null))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(21610);
				assertThat(ex.status()).isEqualTo(400);
			});
		assertThat(this.state.conversations.messages(conversation.sid())).isEmpty();
		assertThat(this.state.chat.delivered()).isEmpty();
		assertThat(this.state.chat.refused())
			.extracting((refused) -> refused.sms().conversationSid(), RefusedSms::errorCode)
			.containsExactly(tuple(conversation.sid(), 21610));
	}

	@Test
	void anOptOutAppliesToItsSenderOrToEverySender() {
		OptOuts optOuts = new OptOuts();
		optOuts.add("+15559990000", "+15551230000");
		optOuts.add(null, "+15551231111");

		assertThat(optOuts.blocks("+15559990000", "+15551230000")).isTrue();
		assertThat(optOuts.blocks("+15558880000", "+15551230000")).isFalse();
		assertThat(optOuts.blocks("+15558880000", "+15551231111")).isTrue();
		optOuts.clear();
		assertThat(optOuts.blocks("+15558880000", "+15551231111")).isFalse();
	}

	@Test
	void scopedWebhooksNeedTheirConfigurationAndStopAtFive() {
		ScopedWebhookBackend webhooks = new ScopedWebhookBackend(this.state, this.conversations);
		Conversation conversation = this.conversations
			.create(new ConversationFields(null, null, null, null, null, null));
		for (int i = 0; i < 5; i++) {
			webhooks.create(conversation.sid(),
					ScopedWebhookBackend.Fields.studio("FW0123456789abcdef0123456789abcdef"));
		}

		assertThat(
				List.<Runnable>of(() -> webhooks.create(conversation.sid(), ScopedWebhookBackend.Fields.studio("FW1")),
						() -> webhooks.create(conversation.sid(),
								new ScopedWebhookBackend.Fields("bot", null, null, List.of(), List.of(), null, null)),
						() -> webhooks.create(conversation.sid(),
								ScopedWebhookBackend.Fields.studio("FW0123456789abcdef0123456789abcdef"))))
			.extracting((attempt) -> codeOf(attempt))
			.containsExactly(20001, 20001, 50518);
		assertThat(webhooks.list(conversation.sid())).hasSize(5).allSatisfy((webhook) -> {
			assertThat(webhook.isStudio()).isTrue();
			assertThat(webhook.url()).isNull();
		});
	}

	private Conversation timed(String inactive, String closed) {
		Conversation conversation = this.conversations
			.create(new ConversationFields(null, null, null, "active", inactive, closed));
		this.participants.add(conversation.sid(), "agent-" + conversation.sid(), null, null, null);
		return conversation;
	}

	private static int codeOf(Runnable attempt) {
		try {
			attempt.run();
			return 0;
		}
		catch (TwilioApiException ex) {
			return ex.code();
		}
	}

}
