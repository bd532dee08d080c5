package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.util.regex.Pattern;

import com.outboundsms.worker.budget.RateBuckets;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.processing.CallCapacity;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.Sleeper;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.TwilioRestClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Builds the one shared {@link TwilioRestClient} (never {@code Twilio.init}) and the
 * configured backend, refusing to start when the account, credentials or backend settings
 * are missing.
 */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TwilioConfiguration.class);

	private static final Pattern QUEUE_SID = Pattern.compile("WQ[0-9a-fA-F]{32}");

	/**
	 * The rate tokens of both lanes, from buckets every instance shares when the store is
	 * PostgreSQL.
	 */
	@Bean
	LaneBudget laneBudget(RateBuckets buckets, TwilioLimitsProperties limits) {
		return new LaneBudget(buckets, limits.interactiveShare(), Ticker.system());
	}

	@Bean
	SenderPacing senderPacing(SenderPacingProperties senders, LaneBudget budget, TwilioLimitsProperties limits,
			WorkerMetrics metrics) {
		return new SenderPacing(senders, budget, limits, metrics);
	}

	@Bean
	TwilioCallLimiter twilioCallLimiter(TwilioLimitsProperties limits, TwilioProperties properties, LaneBudget budget,
			WorkerMetrics metrics) {
		if (properties.maxConnections() < limits.max()) {
			throw new IllegalStateException(
					"TWILIO_MAX_CONNECTIONS (" + properties.maxConnections() + ") must be at least twilio.limits.max ("
							+ limits.max() + "): a permit would wait for a connection");
		}
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, properties.readTimeout(), budget, metrics);
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
			TwilioProperties properties, InteractionSetupProperties interactionSetup, SenderPacing senders, Clock clock,
			JsonMapper json, NotifyProperties notify) {
		if (backend.backend() == BackendProperties.Backend.FLEX_CONVERSATIONS) {
			require(backend, properties.workspaceSid(), "TWILIO_WORKSPACE_SID (twilio.workspace-sid)",
					"the TaskRouter workspace (WS…) the tasks go to");
			require(backend, properties.workflowSid(), "TWILIO_WORKFLOW_SID (twilio.workflow-sid)",
					"the workflow (WW…) that routes the tasks");
			checkQueue(properties.queueSid());
			return new FlexConversationsBackend(new TwilioFlexConversations(client, json),
					new InteractionRequests(properties, new TaskAttributes(json)),
					new SetupWait(interactionSetup, clock, Sleeper.threadSleeping()), senders, notify);
		}
		require(backend, properties.proxyServiceSid(), "TWILIO_PROXY_SERVICE_SID (twilio.proxy-service-sid)",
				"the Proxy service (KS…) sessions are made in");
		return new FlexLegacyBackend(client, flows, properties, notify, senders, json);
	}

	@Bean
	TwilioProbe twilioProbe(TwilioRestClient client, TwilioRefusals refusals) {
		return new TwilioProbe(client, refusals);
	}

	@Bean
	TwilioBackendHealthIndicator twilioHealthIndicator(BackendProperties backend, TwilioProperties properties) {
		return new TwilioBackendHealthIndicator(backend, properties);
	}

	/**
	 * The queue is optional: without it the workflow alone routes the task, as it did
	 * before the worker sent one, although Twilio's docs mark it required for
	 * agent-initiated interactions.
	 */
	private static void checkQueue(@Nullable String queueSid) {
		if (!StringUtils.hasText(queueSid)) {
			logger
				.warn("TWILIO_QUEUE_SID (twilio.queue-sid) is not set: interactions are routed by the workflow alone, "
						+ "while Twilio's docs mark the queue required for agent-initiated interactions");
			return;
		}
		if (!QUEUE_SID.matcher(queueSid).matches()) {
			throw new IllegalStateException(
					"TWILIO_QUEUE_SID (twilio.queue-sid) must be WQ followed by 32 hex digits: the TaskRouter queue "
							+ "an agent-initiated interaction's task goes to");
		}
	}

	private static void require(BackendProperties backend, @Nullable String value, String setting, String meaning) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalStateException(
					"The " + backend.backend().wireName() + " backend needs " + setting + ": " + meaning);
		}
	}

}
