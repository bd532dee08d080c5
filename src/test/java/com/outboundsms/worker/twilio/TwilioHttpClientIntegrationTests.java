package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.FlexFlowCreator;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's HTTP client under twilio-java, against the emulator over real HTTP: every
 * request goes to the base URL (paging links too), and one SDK call is one HTTP request,
 * whatever Twilio answers, so the worker's retry policy is the only one.
 */
class TwilioHttpClientIntegrationTests {

	private final TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults());

	private final TwilioRefusals refusals = new TwilioRefusals();

	private final TwilioRestClient client = new TwilioRestClient.Builder(this.emulator.accountSid(),
			this.emulator.authToken())
		.accountSid(this.emulator.accountSid())
		.httpClient(new TwilioHttpClient(this.emulator.baseUrl() + "/", properties(),
				TwilioBudgets.limiter(TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true, Map.of())),
				this.refusals, WorkerMetrics.none()))
		.build();

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void sendsEveryRequestAndEveryPageToTheBaseUrl() {
		for (int i = 0; i < 120; i++) {
			this.emulator.createFlexFlow("+1646555" + String.format("%04d", i));
		}

		List<FlexFlow> flows = new java.util.ArrayList<>();
		FlexFlow.reader().setPageSize(50L).read(this.client).forEach(flows::add);

		assertThat(flows).hasSize(120);
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows")).hasSize(3);
	}

	@Test
	void sendsTaskRouterCallsToTheBaseUrlToo() {
		String flow = this.emulator.createFlexFlow("+15005550006").sid();
		String task = com.twilio.rest.flexapi.v1.Channel.creator(flow, "id", "Jane", "SMS")
			.setTarget("+15551230000")
			.create(this.client)
			.getTaskSid();

		Task fetched = Task.fetcher(this.emulator.flexWorkspaceSid(), task).fetch(this.client);

		assertThat(fetched.getAssignmentStatus()).isEqualTo(Task.Status.PENDING);
		assertThat(this.emulator.requests("GET", "/taskrouter/v1/Workspaces/.*")).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 500, 503 })
	void makesOneHttpRequestPerCallWhateverTwilioAnswers(int status) {
		this.emulator.faults().failNext(null, "/flex-api/v1/FlexFlows", status, 20000 + status, "busy", 10);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> FlexFlow.reader().setPageSize(1L).firstPage(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(status));
		assertThat(this.emulator.requests()).hasSize(1);
	}

	@Test
	void makesOneHttpRequestForACreateThatTwilioAnswers503() {
		this.emulator.faults().failNext("POST", "/flex-api/v1/FlexFlows", 503, 20503, "unavailable", 10);
		FlexFlowCreator create = FlexFlow.creator("outbound", "IS00000000000000000000000000000000",
				FlexFlow.ChannelType.SMS);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> create.create(this.client));
		assertThat(this.emulator.requests("POST", "/flex-api/v1/FlexFlows")).hasSize(1);
	}

	@Test
	void notesWhichCallsTwilioAnswers403UntilItLetsThemThrough() {
		this.emulator.faults().failNext("POST", "/flex-api/v1/FlexFlows", 403, 70051, "Authorization Failed");
		FlexFlowCreator create = FlexFlow.creator("outbound", "IS00000000000000000000000000000000",
				FlexFlow.ChannelType.SMS);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> create.create(this.client));
		List<String> afterRefusal = this.refusals.forbidden();
		FlexFlow.reader().setPageSize(1L).firstPage(this.client);
		List<String> afterRead = this.refusals.forbidden();
		create.create(this.client);

		assertThat(afterRefusal).containsExactly("POST flex-api/v1/FlexFlows");
		assertThat(afterRead).containsExactly("POST flex-api/v1/FlexFlows");
		assertThat(this.refusals.forbidden()).isEmpty();
	}

	private static TwilioProperties properties() {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "t", null, "KS1", null, null,
				"sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5), 10, null);
	}

}
