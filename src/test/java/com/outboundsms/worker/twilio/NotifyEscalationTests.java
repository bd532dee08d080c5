package com.outboundsms.worker.twilio;

import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyEscalationTests {

	private static final OutreachProgress REMINDER = OutreachProgress.start("o-1")
		.with(Sid.FLEX_FLOW, "FO1")
		.with(Sid.CHAT_SERVICE, "IS1")
		.with(Sid.STUDIO_FLOW, "FW1")
		.with(Sid.CHAT_CHANNEL, "CH1")
		.with(Sid.PROXY_SESSION, "KC1")
		.with(Sid.CHAT_MESSAGE, "IM1")
		.attempting(Sid.CHAT_MESSAGE);

	@Test // #15
	void startsFromTheRemindersFlowChannelAndSessionButNotItsMessage() {
		Map<Sid, String> start = NotifyEscalation.startFrom(REMINDER);

		assertThat(start).isEqualTo(Map.of(Sid.FLEX_FLOW, "FO1", Sid.CHAT_SERVICE, "IS1", Sid.STUDIO_FLOW, "FW1",
				Sid.CHAT_CHANNEL, "CH1", Sid.PROXY_SESSION, "KC1"));
	}

	@Test // #15
	void aTaskRequestEscalatesOnlyFromAStudioFlowsProgress() {
		OutreachProgress escalation = new OutreachProgress("o-2", NotifyEscalation.startFrom(REMINDER), Set.of());
		OutreachProgress taskOutreach = OutreachProgress.start("o-3")
			.with(Sid.FLEX_FLOW, "FO2")
			.with(Sid.CHAT_CHANNEL, "CH2")
			.with(Sid.TASK, "WT2");

		assertThat(NotifyEscalation.escalates(escalation)).isTrue();
		assertThat(NotifyEscalation.escalates(taskOutreach)).isFalse();
		assertThat(NotifyEscalation.escalates(OutreachProgress.start("o-4"))).isFalse();
	}

}
