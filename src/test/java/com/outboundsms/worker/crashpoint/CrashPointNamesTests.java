package com.outboundsms.worker.crashpoint;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrashPointNamesTests {

	@Test
	void namesACheckpointByTheStepItPrecedesOrCompletes() {
		OutreachProgress flow = OutreachProgress.none().with(Sid.FLEX_FLOW, "FO1").with(Sid.CHAT_SERVICE, "IS1");
		OutreachProgress attempting = flow.attempting(Sid.CHAT_CHANNEL);
		OutreachProgress made = attempting.with(Sid.CHAT_CHANNEL, "CH1").with(Sid.TASK, "WT1");
		OutreachProgress attemptingSession = made.attempting(Sid.PROXY_SESSION);
		OutreachProgress madeSession = attemptingSession.with(Sid.PROXY_SESSION, "KC1");

		assertThat(CrashPointNames.afterCheckpoint(attempting)).isEqualTo("after-checkpoint:attempting-chat-channel");
		assertThat(CrashPointNames.afterCheckpoint(made)).isEqualTo("after-checkpoint:made-chat-channel");
		assertThat(CrashPointNames.afterCheckpoint(attemptingSession))
			.isEqualTo("after-checkpoint:attempting-proxy-session");
		assertThat(CrashPointNames.afterCheckpoint(madeSession)).isEqualTo("after-checkpoint:made-proxy-session");
		assertThat(CrashPointNames.afterCheckpoint(flow)).isEqualTo("after-checkpoint:made-nothing");
	}

	@Test
	void namesTwilioCallsByMethodAndEndpoint() {
		assertThat(CrashPointNames.beforeTwilio("POST", "flex-api/v1/Channels"))
			.isEqualTo("before-twilio:POST flex-api/v1/Channels");
		assertThat(CrashPointNames.afterTwilio("POST", "proxy/v1/Services/{sid}/Sessions"))
			.isEqualTo("after-twilio:POST proxy/v1/Services/{sid}/Sessions");
	}

}
