package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TwilioConfigurationTests {

	private static final String QUEUE = "WQ0123456789abcdef0123456789abcdef";

	private final TwilioConfiguration configuration = new TwilioConfiguration();

	@Test
	void conversationsBackendRefusesToStartWithoutWorkspaceAndWorkflow() {
		BackendProperties conversations = new BackendProperties(BackendProperties.Backend.FLEX_CONVERSATIONS);

		assertThatIllegalStateException().isThrownBy(() -> backend(conversations, properties("KS1", null, "WW1")))
			.withMessage("The flex-conversations backend needs TWILIO_WORKSPACE_SID (twilio.workspace-sid): "
					+ "the TaskRouter workspace (WS…) the tasks go to");
		assertThatIllegalStateException().isThrownBy(() -> backend(conversations, properties(null, "WS1", null)))
			.withMessageContaining("TWILIO_WORKFLOW_SID");
		assertThat(backend(conversations, properties(null, "WS1", "WW1")).name()).isEqualTo("flex-conversations");
	}

	@Test
	void conversationsBackendTakesAQueueOnlyWhenItIsAQueueSid() {
		BackendProperties conversations = new BackendProperties(BackendProperties.Backend.FLEX_CONVERSATIONS);

		assertThatIllegalStateException()
			.isThrownBy(
					() -> backend(conversations, properties(null, "WS1", "WW1", "WW0123456789abcdef0123456789abcdef")))
			.withMessage("TWILIO_QUEUE_SID (twilio.queue-sid) must be WQ followed by 32 hex digits: the TaskRouter "
					+ "queue an agent-initiated interaction's task goes to");
		assertThatIllegalStateException()
			.isThrownBy(() -> backend(conversations, properties(null, "WS1", "WW1", QUEUE.substring(1))));
		assertThat(backend(conversations, properties(null, "WS1", "WW1", QUEUE)).name())
			.isEqualTo("flex-conversations");
	}

	@Test
	void legacyBackendRefusesToStartWithoutProxyService() {
		BackendProperties legacy = new BackendProperties(BackendProperties.Backend.FLEX_LEGACY);

		assertThatIllegalStateException().isThrownBy(() -> backend(legacy, properties(null, "WS1", "WW1")))
			.withMessageContaining("The flex-legacy backend needs TWILIO_PROXY_SERVICE_SID");
		assertThat(backend(legacy, properties("KS1", null, null)).name()).isEqualTo("flex-legacy");
	}

	private com.outboundsms.worker.processing.OutreachBackend backend(BackendProperties backend,
			TwilioProperties properties) {
		TwilioRestClient client = this.configuration.twilioRestClient(properties,
				TwilioBudgets.limiter(TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true, Map.of())),
				new TwilioRefusals(), WorkerMetrics.none());
		return this.configuration.outreachBackend(backend, client,
				this.configuration.flexFlowDirectory(client, properties, Clock.systemUTC()), properties,
				new InteractionSetupProperties(Duration.ofMillis(500), Duration.ofSeconds(5)), TwilioBudgets.unpaced(),
				Clock.systemUTC(), JsonMapper.builder().build(), NotifyConversationTests.NOTIFY);
	}

	private static TwilioProperties properties(String proxyService, String workspace, String workflow) {
		return properties(proxyService, workspace, workflow, null);
	}

	private static TwilioProperties properties(String proxyService, String workspace, String workflow, String queue) {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "token", null, proxyService,
				workspace, workflow, "sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(15), 10,
				queue);
	}

}
