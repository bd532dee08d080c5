package com.outboundsms.worker.twilio;

import java.time.Clock;

import com.outboundsms.worker.processing.CallCapacity;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.TwilioRestClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the one shared {@link TwilioRestClient} (never {@code Twilio.init}) and the
 * configured backend, refusing to start when the account, credentials or backend settings
 * are missing.
 */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

	@Bean
	TwilioCallLimiter twilioCallLimiter(TwilioLimitsProperties limits, TwilioProperties properties,
			WorkerMetrics metrics) {
		if (properties.maxConnections() < limits.max()) {
			throw new IllegalStateException(
					"TWILIO_MAX_CONNECTIONS (" + properties.maxConnections() + ") must be at least twilio.limits.max ("
							+ limits.max() + "): a permit would wait for a connection");
		}
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, properties.readTimeout());
		metrics.twilioCallLimit(limiter::limit, limiter::inFlight);
		return limiter;
	}

	@Bean
	TwilioRefusals twilioRefusals() {
		return new TwilioRefusals();
	}

	@Bean
	TwilioRestClient twilioRestClient(TwilioProperties properties, TwilioCallLimiter limiter, TwilioRefusals refusals,
			WorkerMetrics metrics) {
		TwilioCredentials credentials = TwilioCredentials.from(properties);
		return new TwilioRestClient.Builder(credentials.username(), credentials.password())
			.accountSid(properties.accountSid())
			.httpClient(new TwilioHttpClient(properties.apiBaseUrl(), properties, limiter, refusals, metrics))
			.build();
	}

	/**
	 * At most as many requests at once as Twilio calls may be in flight: a request's
	 * calls are made one after another, so each consumer holds one permit at most.
	 */
	@Bean
	CallCapacity callCapacity(TwilioLimitsProperties limits) {
		return new CallCapacity(limits.max());
	}

	@Bean
	FlexFlowDirectory flexFlowDirectory(TwilioRestClient client, TwilioProperties properties, Clock clock) {
		return new FlexFlowDirectory(client, properties, clock);
	}

	@Bean
	OutreachBackend outreachBackend(BackendProperties backend, TwilioRestClient client, FlexFlowDirectory flows,
			TwilioProperties properties) {
		JsonMapper json = JsonMapper.builder().build();
		if (backend.backend() == BackendProperties.Backend.FLEX_CONVERSATIONS) {
			require(backend, properties.workspaceSid(), "TWILIO_WORKSPACE_SID (twilio.workspace-sid)",
					"the TaskRouter workspace (WS…) the tasks go to");
			require(backend, properties.workflowSid(), "TWILIO_WORKFLOW_SID (twilio.workflow-sid)",
					"the workflow (WW…) that routes the tasks");
			return new FlexConversationsBackend(client, properties, json);
		}
		require(backend, properties.proxyServiceSid(), "TWILIO_PROXY_SERVICE_SID (twilio.proxy-service-sid)",
				"the Proxy service (KS…) sessions are made in");
		return new FlexLegacyBackend(client, flows, properties.proxyServiceSid(), json);
	}

	@Bean
	TwilioProbe twilioProbe(TwilioRestClient client, TwilioRefusals refusals) {
		return new TwilioProbe(client, refusals);
	}

	@Bean
	TwilioBackendHealthIndicator twilioHealthIndicator(BackendProperties backend, TwilioProperties properties) {
		return new TwilioBackendHealthIndicator(backend, properties);
	}

	private static void require(BackendProperties backend, String value, String setting, String meaning) {
		if (!TwilioProperties.hasText(value)) {
			throw new IllegalStateException(
					"The " + backend.backend().wireName() + " backend needs " + setting + ": " + meaning);
		}
	}

}
