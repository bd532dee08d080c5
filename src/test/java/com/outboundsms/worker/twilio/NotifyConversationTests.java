package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend.Creation;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.twilio.FlexConversations.CustomerConversation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The notify sequence against a scripted Twilio: what it makes, in which order, and how a
 * pass after one whose answer was lost finds what was made instead of making it again.
 */
class NotifyConversationTests {

	static final NotifyProperties NOTIFY = new NotifyProperties("FW00000000000000000000000000000001",
			Duration.ofDays(1), Duration.ofDays(3));

	private static final NumberPair PAIR = new NumberPair("+14155550100", "+14155552671");

	private static final OutboundSmsRequest REMINDER = new OutboundSmsRequest("reminder-1", PAIR, "Jane", null,
			"Your appointment is tomorrow at 10.", Map.of(), null, null, "spring", OutreachMode.NOTIFY);

	private final ScriptedFlexConversations twilio = new ScriptedFlexConversations();

	private final List<OutreachProgress> checkpoints = new ArrayList<>();

	private final NotifyConversation notify = new NotifyConversation(this.twilio, NOTIFY, TwilioBudgets.unpaced());

	@Test
	void makesTheConversationTheCustomersBindingTheStudioWebhookAndTheMessageAndNoTask() {
		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(this.twilio.calls).containsExactly("look-up", "create conversation", "add customer",
				"add webhook FW00000000000000000000000000000001", "post");
		assertThat(creation.progress().sids()).containsOnlyKeys(Sid.CONVERSATION, Sid.PARTICIPANT, Sid.STUDIO_WEBHOOK,
				Sid.MESSAGE);
		assertThat(this.twilio.conversationsByName).containsOnlyKeys("outbound-sms-o-1");
		assertThat(this.twilio.posted).containsExactly("CH10:Your appointment is tomorrow at 10.");
		// each create is noted as attempted in the store before it is sent
		assertThat(this.checkpoints.get(0).attempted()).containsExactly(Sid.CONVERSATION);
		assertThat(this.checkpoints.get(0).sids()).isEmpty();
	}

	@Test
	void leavesACustomerWhoIsInAConversationOnTheNumberThereAndPostsNothing() {
		this.twilio.holder = new CustomerConversation("CH99", null, null);

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sids()).containsExactlyEntriesOf(Map.of(Sid.CONVERSATION, "CH99"));
		assertThat(this.twilio.calls).containsExactly("look-up");
	}

	@Test
	void deletesItsConversationAndKeepsTheOtherWhenTwilioAnswers50416() {
		this.twilio.customerElsewhereIn = "CH77";

		Creation creation = create(OutreachProgress.start("o-1"));

		assertThat(creation.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(creation.progress().sids()).containsExactlyEntriesOf(Map.of(Sid.CONVERSATION, "CH77"));
		assertThat(this.twilio.deleted).containsExactly("CH10");
		assertThat(this.twilio.posted).isEmpty();
	}

	@Test
	void findsTheConversationAnEarlierPassMadeByItsNameInsteadOfMakingAnother() {
		this.twilio.losesAnswer = "create conversation";
		this.twilio.notifyAnswerLost = new TransientFailure("read timed out");
		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")));
		// Twilio put the customer in it meanwhile? no: the binding is added by this pass
		this.twilio.calls.clear();

		Creation creation = create(lastCheckpoint());

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(this.twilio.calls).startsWith("find conversation", "add customer")
			.doesNotContain("look-up", "create conversation");
		assertThat(this.twilio.conversationsByName).hasSize(1);
	}

	@Test
	void findsTheCustomersBindingAndTheWebhookAnEarlierPassAddedInsteadOfAddingThemAgain() {
		this.twilio.losesAnswer = "add customer";
		this.twilio.notifyAnswerLost = new TransientFailure("read timed out");
		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(OutreachProgress.start("o-1")));
		this.twilio.losesAnswer = "add webhook";
		this.twilio.notifyAnswerLost = new TransientFailure("read timed out");
		assertThatExceptionOfType(TransientFailure.class).isThrownBy(() -> create(lastCheckpoint()));
		this.twilio.calls.clear();

		Creation creation = create(lastCheckpoint());

		assertThat(creation.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(this.twilio.calls).containsExactly("find webhook", "post");
		assertThat(creation.progress().sids()).containsEntry(Sid.PARTICIPANT, "MB1")
			.containsEntry(Sid.STUDIO_WEBHOOK, "WH1");
	}

	@Test
	void refusesANotifyRequestWithoutTheStudioFlowBeforeCallingTwilio() {
		NotifyConversation unconfigured = new NotifyConversation(this.twilio,
				new NotifyProperties(null, Duration.ofDays(1), Duration.ofDays(3)), TwilioBudgets.unpaced());

		assertThatExceptionOfType(PermanentFailure.class)
			.isThrownBy(() -> unconfigured.create(REMINDER, OutreachProgress.start("o-1"), this.checkpoints::add))
			.satisfies((failure) -> assertThat(failure.detail(1).code()).isEqualTo(ErrorCode.NOTIFY_NOT_CONFIGURED))
			.withMessageContaining("TWILIO_STUDIO_FLOW_SID");
		assertThat(this.twilio.calls).isEmpty();
	}

	private Creation create(OutreachProgress progress) {
		return this.notify.create(REMINDER, progress, this.checkpoints::add);
	}

	private OutreachProgress lastCheckpoint() {
		return this.checkpoints.get(this.checkpoints.size() - 1);
	}

}
