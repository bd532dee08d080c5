package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.emulator.NewFlexFlow;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The flow cache against the emulator over real HTTP, when Twilio says a flow it handed
 * out is gone: it reads the flows again once, and only once however many ask.
 */
class FlexFlowDirectoryIntegrationTests {

	private static final String NUMBER = "+15005550006";

	private final TwilioEmulator emulator = TwilioEmulator.start();

	private final TwilioRestClient client = new TwilioRestClient.Builder(this.emulator.accountSid(),
			this.emulator.authToken())
		.httpClient(new TwilioHttpClient(this.emulator.baseUrl(), properties(),
				TwilioBudgets.limiter(TwilioBudgets.limits(10, 1, 10, Duration.ofSeconds(5), true, Map.of())),
				new TwilioRefusals(), WorkerMetrics.none()))
		.build();

	private final FlexFlowDirectory flows = new FlexFlowDirectory(this.client, properties(), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void readsTheFlowsAgainAndAnswersTheFlowMadeAgainForTheNumber() {
		this.emulator.createFlexFlow(NUMBER);
		String stale = this.flows.find(NUMBER, OutreachMode.TASK).sid();
		this.emulator.deleteFlexFlow(stale);
		String remade = this.emulator.createFlexFlow(NUMBER).sid();

		assertThat(this.flows.refreshed(NUMBER, stale, OutreachMode.TASK).sid()).isEqualTo(remade);
		assertThat(this.flows.find(NUMBER, OutreachMode.TASK).sid()).isEqualTo(remade);
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(2);
	}

	@Test
	void readsTheFlowsOnceForAStaleFlowHoweverManyAsk() {
		this.emulator.createFlexFlow(NUMBER);
		String stale = this.flows.find(NUMBER, OutreachMode.TASK).sid();
		this.emulator.deleteFlexFlow(stale);
		String remade = this.emulator.createFlexFlow(NUMBER).sid();

		this.flows.refreshed(NUMBER, stale, OutreachMode.TASK);

		assertThat(this.flows.refreshed(NUMBER, stale, OutreachMode.TASK).sid()).isEqualTo(remade);
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(2);
	}

	@Test
	void failsForGoodWhenTheNumberHasNoFlowAnyMore() {
		this.emulator.createFlexFlow(NUMBER);
		String stale = this.flows.find(NUMBER, OutreachMode.TASK).sid();
		this.emulator.deleteFlexFlow(stale);

		assertThatExceptionOfType(PermanentFailure.class)
			.isThrownBy(() -> this.flows.refreshed(NUMBER, stale, OutreachMode.TASK))
			.satisfies((failure) -> assertThat(failure.code()).isEqualTo(ErrorCode.FLEX_FLOW_NOT_FOUND));
	}

	@Test // #15
	void findsANumbersEnabledStudioFlowForNotifyAndItsTaskFlowForTaskInOneRead() {
		String task = this.emulator.createFlexFlow(NUMBER).sid();
		this.emulator.createFlexFlow(
				NewFlexFlow.studio(NUMBER, "FW00000000000000000000000000000001").withFlags(false, false, true));
		String studio = this.emulator.createFlexFlow(NewFlexFlow.studio(NUMBER, "FW00000000000000000000000000000002"))
			.sid();

		FlexFlowDirectory.Flow notify = this.flows.find(NUMBER, OutreachMode.NOTIFY);

		assertThat(notify.sid()).isEqualTo(studio);
		assertThat(notify.studioFlowSid()).isEqualTo("FW00000000000000000000000000000002");
		assertThat(this.flows.find(NUMBER, OutreachMode.TASK).sid()).isEqualTo(task);
		assertThat(this.flows.find(NUMBER, OutreachMode.TASK).studioFlowSid()).isNull();
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(1);
	}

	@Test // #15
	void failsANotifyRequestForANumberWithoutAStudioFlowAsNotConfiguredForIt() {
		this.emulator.createFlexFlow(NUMBER);
		// Twilio requires the Studio flow: a flow without one cannot take a reply
		this.emulator
			.createFlexFlow(new NewFlexFlow("Broken", NUMBER, null, "sms", "studio", Map.of(), true, false, true));

		assertThatExceptionOfType(PermanentFailure.class).isThrownBy(() -> this.flows.find(NUMBER, OutreachMode.NOTIFY))
			.satisfies((failure) -> {
				assertThat(failure.code()).isEqualTo(ErrorCode.NOTIFY_NOT_CONFIGURED);
				assertThat(failure.getMessage()).contains("integration type studio").doesNotContain(NUMBER);
			});
	}

	@Test // #15
	void followsAStudioFlowMadeAgain() {
		String stale = this.emulator.createFlexFlow(NewFlexFlow.studio(NUMBER)).sid();
		this.flows.find(NUMBER, OutreachMode.NOTIFY);
		this.emulator.deleteFlexFlow(stale);
		String remade = this.emulator.createFlexFlow(NewFlexFlow.studio(NUMBER)).sid();

		assertThat(this.flows.refreshed(NUMBER, stale, OutreachMode.NOTIFY).sid()).isEqualTo(remade);
	}

	private TwilioProperties properties() {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "t", null, "KS1", null, null,
				"sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5), 10, null);
	}

}
