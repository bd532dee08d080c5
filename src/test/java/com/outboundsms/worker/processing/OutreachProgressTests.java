package com.outboundsms.worker.processing;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OutreachProgressTests {

	private static final String CHANNEL = "CH0123456789abcdef0123456789abcdef";

	@Test
	void startsWithNothingMadeAndNothingAttempted() {
		OutreachProgress none = OutreachProgress.none();

		assertThat(none.sids()).isEmpty();
		assertThat(none.attempted()).isEmpty();
		assertThat(none.has(Sid.CHAT_CHANNEL)).isFalse();
		assertThat(none.sid(Sid.CHAT_CHANNEL)).isEmpty();
		assertThat(none.wasAttempted(Sid.CHAT_CHANNEL)).isFalse();
	}

	@Test
	void addsASidToACopyAndLeavesTheOriginalAsItWas() {
		OutreachProgress before = OutreachProgress.none().attempting(Sid.CHAT_CHANNEL);

		OutreachProgress after = before.with(Sid.CHAT_CHANNEL, CHANNEL);

		assertThat(after.sid(Sid.CHAT_CHANNEL)).contains(CHANNEL);
		assertThat(after.require(Sid.CHAT_CHANNEL)).isEqualTo(CHANNEL);
		assertThat(after.wasAttempted(Sid.CHAT_CHANNEL)).isTrue();
		assertThat(before.has(Sid.CHAT_CHANNEL)).isFalse();
	}

	@Test
	void ignoresAMissingSid() {
		OutreachProgress before = OutreachProgress.none().with(Sid.FLEX_FLOW, "FO123");

		OutreachProgress after = before.with(Sid.CHAT_CHANNEL, null);

		assertThat(after).isSameAs(before);
		assertThat(after.has(Sid.CHAT_CHANNEL)).isFalse();
	}

	@Test
	void marksAnAttemptOnACopyAndLeavesTheOriginalAsItWas() {
		OutreachProgress before = OutreachProgress.none().with(Sid.FLEX_FLOW, "FO123");

		OutreachProgress after = before.attempting(Sid.PROXY_SESSION);

		assertThat(after.wasAttempted(Sid.PROXY_SESSION)).isTrue();
		assertThat(after.has(Sid.PROXY_SESSION)).isFalse();
		assertThat(after.sids()).isEqualTo(before.sids());
		assertThat(before.wasAttempted(Sid.PROXY_SESSION)).isFalse();
	}

	@Test
	void refusesToHandOutASidThatIsNotKnownYet() {
		OutreachProgress progress = OutreachProgress.none().attempting(Sid.PROXY_SESSION);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> progress.require(Sid.PROXY_SESSION))
			.withMessageContaining("PROXY_SESSION");
	}

	@Test
	void isNotChangedByTheMapsItWasMadeFrom() {
		Map<Sid, String> sids = new EnumMap<>(Map.of(Sid.FLEX_FLOW, "FO123"));
		Set<Sid> attempted = EnumSet.of(Sid.FLEX_FLOW);
		OutreachProgress progress = new OutreachProgress("o1", sids, attempted);

		sids.put(Sid.CHAT_CHANNEL, CHANNEL);
		attempted.add(Sid.CHAT_CHANNEL);

		assertThat(progress.has(Sid.CHAT_CHANNEL)).isFalse();
		assertThat(progress.wasAttempted(Sid.CHAT_CHANNEL)).isFalse();
	}

	@Test
	void handsOutMapsThatCannotBeChanged() {
		OutreachProgress progress = OutreachProgress.none().attempting(Sid.FLEX_FLOW).with(Sid.FLEX_FLOW, "FO123");

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> progress.sids().put(Sid.CHAT_CHANNEL, CHANNEL));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> progress.attempted().add(Sid.CHAT_CHANNEL));
	}

	@Test
	void keepsItsSidsInTheOrderOfTheKinds() {
		OutreachProgress progress = OutreachProgress.none()
			.with(Sid.CHAT_MESSAGE, "IM1")
			.with(Sid.FLEX_FLOW, "FO1")
			.with(Sid.CHAT_CHANNEL, "CH1");

		assertThat(progress.sids().keySet()).containsExactly(Sid.FLEX_FLOW, Sid.CHAT_CHANNEL, Sid.CHAT_MESSAGE);
	}

	@Test
	void equalsAnotherProgressWithTheSameContent() {
		OutreachProgress one = OutreachProgress.none().attempting(Sid.FLEX_FLOW).with(Sid.FLEX_FLOW, "FO123");

		OutreachProgress other = new OutreachProgress("", Map.of(Sid.FLEX_FLOW, "FO123"), Set.of(Sid.FLEX_FLOW));

		assertThat(other).isEqualTo(one).hasSameHashCodeAs(one);
	}

	@Test // #15
	void isANotifyOutreachOnAStudioFlexFlowUntilItHasATask() {
		OutreachProgress reminder = OutreachProgress.start("o1")
			.with(Sid.FLEX_FLOW, "FO1")
			.with(Sid.STUDIO_FLOW, "FW1")
			.with(Sid.CHAT_CHANNEL, CHANNEL)
			.with(Sid.PROXY_SESSION, "KC1");

		assertThat(reminder.mode()).isEqualTo(OutreachMode.NOTIFY);
		assertThat(reminder.with(Sid.TASK, "WT1").mode()).isEqualTo(OutreachMode.TASK);
		// the customer's own conversation, found: no task, and not a reminder of ours
		assertThat(OutreachProgress.start("o2").with(Sid.FLEX_FLOW, "FO2").with(Sid.CHAT_CHANNEL, CHANNEL).mode())
			.isEqualTo(OutreachMode.TASK);
	}

	@Test // #15
	void namesItsMessagesAsItsChannelOrConversationHoldsThem() {
		assertThat(OutreachProgress.start("o1").with(Sid.CHAT_CHANNEL, CHANNEL).messageKind())
			.isEqualTo(Sid.CHAT_MESSAGE);
		assertThat(OutreachProgress.start("o1").with(Sid.CONVERSATION, CHANNEL).messageKind()).isEqualTo(Sid.MESSAGE);
	}

}
