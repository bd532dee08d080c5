package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.MutableClock;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend.Creation;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.twilio.FlexConversations.ChannelState;
import com.outboundsms.worker.twilio.FlexConversations.CustomerConversation;
import com.outboundsms.worker.twilio.FlexConversations.InteractionTask;
import com.outboundsms.worker.twilio.FlexConversations.MadeInteraction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The flex-conversations decisions against a scripted Twilio: look-up before the create,
 * the customer seen in the conversation before {@code CREATED}, asynchronous 80102, and
 * what is this outreach's own.
 */
class FlexConversationsBackendTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final CustomerConversation FOREIGN = new CustomerConversation("CH9", "KD9", "UO9");

	private static final ChannelState ALREADY_IN_INTERACTION = new ChannelState("failed", 80102,
			"Participant Already In Interaction");

	private final ScriptedFlexConversations twilio = new ScriptedFlexConversations();

	private final List<OutreachProgress> checkpoints = new ArrayList<>();

	private final List<Duration> pauses = new ArrayList<>();

	private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

	private final FlexConversationsBackend backend = new FlexConversationsBackend(this.twilio,
			new InteractionRequests(properties(), new TaskAttributes(JsonMapper.builder().build())),
			new SetupWait(new InteractionSetupProperties(Duration.ofMillis(500), Duration.ofSeconds(2)), this.clock,
					(duration) -> {
						this.pauses.add(duration);
						this.clock.advance(duration);
					}),
			TwilioBudgets.unpaced(), NotifyConversationTests.NOTIFY);

	@Test
	void reusesTheCustomersOpenConversationWithoutCreatingAnything() {
		this.twilio.holder = FOREIGN;

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sids()).containsExactlyInAnyOrderEntriesOf(
				Map.of(Sid.CONVERSATION, "CH9", Sid.INTERACTION, "KD9", Sid.INTERACTION_CHANNEL, "UO9"));
		assertThat(this.twilio.calls).containsExactly("look-up");
		assertThat(this.checkpoints).isEmpty();
	}

	@Test
	void makesTheAgentsTaskOnANotifyConversationNoAgentTookUpYet() {
		this.twilio.holder = new CustomerConversation("CH5", null, null, true);
		this.twilio.made = new MadeInteraction("KD1", "UO1", "WT1", null);
		this.twilio.onCreate = () -> this.twilio.holder = new CustomerConversation("CH5", "KD1", "UO1", true);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sids()).containsEntry(Sid.CONVERSATION, "CH5")
			.containsEntry(Sid.INTERACTION, "KD1")
			.containsEntry(Sid.TASK, "WT1");
		assertThat(this.twilio.channels).containsExactly(
				Map.of("type", "sms", "initiated_by", "agent", "properties", Map.of("media_channel_sid", "CH5")));
		assertThat(attributesSent()).containsEntry(TaskAttributes.OUTREACH_ID, "o-1");
		assertThat(this.twilio.posted).containsExactly("CH5:Hello");
	}

	@Test
	void reusesANotifyConversationAnAgentAlreadyTookUp() {
		this.twilio.holder = new CustomerConversation("CH5", "KD7", "UO7", true);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(this.twilio.calls).containsExactly("look-up");
	}

	@Test
	void marksTheTaskWithTheOutreachIdAndSeesTheCustomerInItBeforeAnsweringCreated() {
		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sids()).containsEntry(Sid.CONVERSATION, "CH1")
			.containsEntry(Sid.INTERACTION, "KD1")
			.containsEntry(Sid.INTERACTION_CHANNEL, "UO1")
			.containsEntry(Sid.TASK, "WT1")
			.containsEntry(Sid.MESSAGE, "IM1");
		assertThat(attributesSent()).containsEntry(TaskAttributes.OUTREACH_ID, "o-1");
		// the customer seen in the interaction's conversation: its channel is not read
		assertThat(this.twilio.calls).containsExactly("look-up", "create", "look-up", "post");
		// attempting the interaction; the customer seen in it (the message announced);
		// the message posted
		assertThat(this.checkpoints).hasSize(3);
		assertThat(this.checkpoints.get(0).wasAttempted(Sid.INTERACTION)).isTrue();
		assertThat(this.checkpoints.get(0).sids()).isEmpty();
		assertThat(this.checkpoints.get(1).sid(Sid.CONVERSATION)).contains("CH1");
		assertThat(this.checkpoints.get(1).wasAttempted(Sid.MESSAGE)).isTrue();
		assertThat(this.twilio.posted).containsExactly("CH1:Hello");
	}

	@Test
	void storesOnlyTheAttemptWhenThereIsNoFirstMessageToWriteAhead() {
		Creation creation = this.backend.create(
				new OutboundSmsRequest("crm-4712", PAIR, "Jane", null, null, Map.of(), null, null),
				OutreachProgress.start("o-2"), this.checkpoints::add);

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH1");
		// the caller opens the outreach with these SIDs next
		assertThat(this.checkpoints).singleElement()
			.satisfies((stored) -> assertThat(stored.wasAttempted(Sid.INTERACTION)).isTrue());
		assertThat(this.twilio.posted).isEmpty();
	}

	@Test
	void learnsTheConversationWhenTwilioSetsTheInteractionUpAfterAnswering() {
		this.twilio.made = new MadeInteraction("KD1", "UO1", "WT1", null);
		this.twilio.onCreate = () -> this.twilio.afterSetup = new CustomerConversation("CH1", "KD1", "UO1");
		this.twilio.channelShows(ScriptedFlexConversations.SETUP, ScriptedFlexConversations.SETUP,
				ScriptedFlexConversations.ACTIVE);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH1");
		assertThat(this.pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
		// the interaction's SIDs are stored before the first wait
		assertThat(this.checkpoints.get(1).sid(Sid.INTERACTION)).contains("KD1");
		assertThat(this.checkpoints.get(1).has(Sid.CONVERSATION)).isFalse();
		assertThat(this.twilio.posted).containsExactly("CH1:Hello");
	}

	@Test
	void givesUpForNowWithinTheWaitAndTheNextAttemptResumesWithoutCreating() {
		this.twilio.made = new MadeInteraction("KD1", "UO1", "WT1", null);
		this.twilio.onCreate = () -> {
		};
		this.twilio.channelShows(ScriptedFlexConversations.SETUP);

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")));
		OutreachProgress stored = this.checkpoints.get(this.checkpoints.size() - 1);
		this.twilio.calls.clear();
		this.twilio.holder = new CustomerConversation("CH1", "KD1", "UO1");
		this.twilio.channelShows(ScriptedFlexConversations.ACTIVE);
		Creation resumed = create(stored);

		assertThat(this.pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500),
				Duration.ofMillis(500));
		assertThat(stored.sid(Sid.INTERACTION)).contains("KD1");
		assertThat(resumed.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(resumed.progress().sid(Sid.CONVERSATION)).contains("CH1");
		assertThat(this.twilio.calls).containsExactly("look-up", "post");
	}

	@Test
	void recognizesItsConversationThroughItsInteractionWhenTheConversationNamesNone() {
		this.twilio.made = new MadeInteraction("KD1", "UO1", "WT1", null);
		this.twilio.onCreate = () -> this.twilio.holder = new CustomerConversation("CH1", null, null);
		this.twilio.tasks.put("KD1", new InteractionTask("WT1", "o-1", "CH1"));

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH1");
		assertThat(this.twilio.calls).containsExactly("look-up", "create", "look-up", "task KD1", "post");
		assertThat(this.twilio.closed).isEmpty();
	}

	@Test
	void asksForTheInteractionsTaskOnceWhenTheCustomerIsInAnotherConversationAndTheChannelIsActive() {
		this.twilio.made = new MadeInteraction("KD1", "UO1", "WT1", null);
		this.twilio.onCreate = () -> this.twilio.holder = FOREIGN;
		this.twilio.tasks.put("KD1", new InteractionTask("WT1", "o-1", "CH1"));

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH9");
		assertThat(this.twilio.closed).containsExactly("UO1");
		assertThat(this.twilio.calls).filteredOn("task KD1"::equals).hasSize(1);
	}

	@Test
	void closesItsInteractionAndReusesTheCustomersConversationWhenTheChannelFailedWith80102() {
		this.twilio.onCreate = () -> this.twilio.holder = FOREIGN;
		this.twilio.channelShows(ALREADY_IN_INTERACTION);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sids()).containsEntry(Sid.CONVERSATION, "CH9")
			.containsEntry(Sid.INTERACTION, "KD9")
			.doesNotContainKey(Sid.TASK);
		assertThat(this.twilio.closed).containsExactly("UO1");
		assertThat(this.twilio.posted).isEmpty();
	}

	@Test
	void closesItsInteractionAndFailsForGoodWithTheCodeWhenTheChannelFailedOtherwise() {
		this.twilio.onCreate = () -> {
		};
		this.twilio.channelShows(new ChannelState("failed", 12345, "Channel validation error for +14155552671"));

		assertThatExceptionOfType(PermanentFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")))
			.satisfies((failure) -> {
				assertThat(failure.code()).isEqualTo(ErrorCode.TWILIO_REJECTED);
				assertThat(failure.twilioCode()).contains(12345);
				assertThat(failure.getMessage()).contains("+1415***2671").doesNotContain("+14155552671");
			});
		assertThat(this.twilio.closed).containsExactly("UO1");
		assertThat(this.twilio.posted).isEmpty();
	}

	@Test
	void closesItsInteractionBeforeAPermanentFailureThatComesAfterTheCreate() {
		this.twilio.onCreate = () -> {
		};
		this.twilio.channelFailure = new PermanentFailure(ErrorCode.TWILIO_REJECTED, "reading the channel: 400", 20001,
				400, null);

		assertThatExceptionOfType(PermanentFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")))
			.satisfies((failure) -> assertThat(failure.twilioCode()).contains(20001));
		assertThat(this.twilio.closed).containsExactly("UO1");
	}

	@Test
	void isRetriedFromTheInteractionsSidsWhenItCannotBeClosedBeforeFailing() {
		this.twilio.onCreate = () -> {
		};
		this.twilio.channelFailure = new PermanentFailure(ErrorCode.TWILIO_REJECTED, "reading the channel: 400", 20001,
				400, null);
		this.twilio.closeFailure = new TransientFailure("closing the channel: 503");

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")))
			.satisfies((failure) -> assertThat(failure.getSuppressed()).singleElement()
				.isInstanceOf(PermanentFailure.class));
		assertThat(this.checkpoints.get(this.checkpoints.size() - 1).sid(Sid.INTERACTION_CHANNEL)).contains("UO1");
	}

	@Test
	void adoptsTheInteractionAnEarlierAttemptMadeWhenItsTaskCarriesTheOutreachId() {
		this.twilio.holder = new CustomerConversation("CH1", "KD1", "UO1");
		this.twilio.tasks.put("KD1", new InteractionTask("WT1", "o-1", "CH1"));

		Creation creation = create(OutreachProgress.start("o-1").attempting(Sid.INTERACTION));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sids()).containsEntry(Sid.CONVERSATION, "CH1")
			.containsEntry(Sid.INTERACTION, "KD1")
			.containsEntry(Sid.TASK, "WT1");
		assertThat(this.twilio.calls).containsExactly("look-up", "task KD1", "post");
		assertThat(this.twilio.posted).containsExactly("CH1:Hello");
	}

	@Test
	void reusesAConversationFoundAfterAnAttemptedCreateWhenItsTaskIsNotOurs() {
		this.twilio.holder = FOREIGN;
		this.twilio.tasks.put("KD9", new InteractionTask("WT9", "someone-else", "CH9"));

		Creation creation = create(OutreachProgress.start("o-1").attempting(Sid.INTERACTION));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH9");
		assertThat(this.twilio.calls).doesNotContain("create", "post");
	}

	@Test
	void anOutreachWithoutAnIdOwnsNothingItFinds() {
		this.twilio.holder = new CustomerConversation("CH1", "KD1", "UO1");
		this.twilio.tasks.put("KD1", new InteractionTask("WT1", "", "CH1"));

		Creation creation = create(OutreachProgress.none().attempting(Sid.INTERACTION));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(this.twilio.calls).containsExactly("look-up");
	}

	@Test
	void startsAgainWhenWhatHeldTheCustomerClosedBeforeItCouldBeFound() {
		this.twilio.onCreate = () -> {
		};
		this.twilio.channelShows(ALREADY_IN_INTERACTION);

		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")))
			.satisfies((failure) -> assertThat(failure.twilioCode()).contains(80102));
		OutreachProgress stored = this.checkpoints.get(this.checkpoints.size() - 1);
		assertThat(this.twilio.closed).containsExactly("UO1");
		assertThat(stored.sids()).isEmpty();
		assertThat(stored.wasAttempted(Sid.INTERACTION)).isTrue();
		assertThat(stored.outreachId()).isEqualTo("o-1");
	}

	@Test
	void settlesOnTheCustomersConversationWhenTwilioAnswers80102AtOnce() {
		this.twilio.onCreate = () -> this.twilio.holder = FOREIGN;
		this.twilio.createFailure = new PermanentFailure(ErrorCode.TWILIO_REJECTED, "creating: 400 80102", 80102, 400,
				null);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sid(Sid.CONVERSATION)).contains("CH9");
		assertThat(this.twilio.posted).isEmpty();
	}

	@Test
	void adoptsItsOwnEarlierInteractionWhenAnotherCreateFindsTheCustomerInIt() {
		// the first create's answer was lost while Twilio had not set it up yet: a
		// look-up found nothing, and the second interaction cannot have the customer
		this.twilio.made = new MadeInteraction("KD2", "UO2", "WT2", null);
		this.twilio.onCreate = () -> this.twilio.holder = new CustomerConversation("CH1", "KD1", "UO1");
		this.twilio.tasks.put("KD1", new InteractionTask("WT1", "o-1", "CH1"));
		this.twilio.channelShows(ALREADY_IN_INTERACTION);

		Creation creation = create(OutreachProgress.start("o-1").attempting(Sid.INTERACTION));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(creation.progress().sids()).containsEntry(Sid.CONVERSATION, "CH1")
			.containsEntry(Sid.INTERACTION, "KD1")
			.containsEntry(Sid.INTERACTION_CHANNEL, "UO1")
			.containsEntry(Sid.TASK, "WT1");
		assertThat(this.twilio.closed).containsExactly("UO2");
		assertThat(this.twilio.posted).containsExactly("CH1:Hello");
	}

	@Test
	void sendsTheConfiguredQueueAndTheRequestsTargetWorker() {
		this.backend.create(request("WK0123456789abcdef0123456789abcdef"), OutreachProgress.start("o-1"),
				this.checkpoints::add);

		assertThat(this.twilio.routings).singleElement()
			.satisfies((routing) -> assertThat(object(routing.get("properties")))
				.containsEntry("queue_sid", "WQ0123456789abcdef0123456789abcdef")
				.containsEntry("worker_sid", "WK0123456789abcdef0123456789abcdef"));
	}

	private Creation create(OutreachProgress progress) {
		return this.backend.create(request(null), progress, this.checkpoints::add);
	}

	private Map<String, Object> attributesSent() {
		return object(object(this.twilio.routings.get(0).get("properties")).get("attributes"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(Object value) {
		return (Map<String, Object>) value;
	}

	private static OutboundSmsRequest request(String targetWorker) {
		return new OutboundSmsRequest("crm-4711", PAIR, "Jane", null, "Hello", Map.of(), null, targetWorker);
	}

	private static TwilioProperties properties() {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "token", null, null,
				"WS0123456789abcdef0123456789abcdef", "WW0123456789abcdef0123456789abcdef", "sms",
				Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(15), 10,
				"WQ0123456789abcdef0123456789abcdef");
	}

}
