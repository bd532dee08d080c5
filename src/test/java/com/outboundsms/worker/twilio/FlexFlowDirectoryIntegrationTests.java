package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.ErrorCode;
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
		String stale = this.flows.find(NUMBER).sid();
		this.emulator.deleteFlexFlow(stale);
		String remade = this.emulator.createFlexFlow(NUMBER).sid();

		assertThat(this.flows.refreshed(NUMBER, stale).sid()).isEqualTo(remade);
		assertThat(this.flows.find(NUMBER).sid()).isEqualTo(remade);
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(2);
	}

	@Test
	void readsTheFlowsOnceForAStaleFlowHoweverManyAsk() {
		this.emulator.createFlexFlow(NUMBER);
		String stale = this.flows.find(NUMBER).sid();
		this.emulator.deleteFlexFlow(stale);
		String remade = this.emulator.createFlexFlow(NUMBER).sid();

		this.flows.refreshed(NUMBER, stale);

		assertThat(this.flows.refreshed(NUMBER, stale).sid()).isEqualTo(remade);
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(2);
	}

	@Test
	void failsForGoodWhenTheNumberHasNoFlowAnyMore() {
		this.emulator.createFlexFlow(NUMBER);
		String stale = this.flows.find(NUMBER).sid();
		this.emulator.deleteFlexFlow(stale);

		assertThatExceptionOfType(PermanentFailure.class).isThrownBy(() -> this.flows.refreshed(NUMBER, stale))
			.satisfies((failure) -> assertThat(failure.code()).isEqualTo(ErrorCode.FLEX_FLOW_NOT_FOUND));
	}

	private TwilioProperties properties() {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "t", null, "KS1", null, null,
				"sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5), 10, null);
	}

}
