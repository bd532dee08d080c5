package com.outboundsms.worker.web;

import java.time.Clock;

import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.outbound.OutboundProperties;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import com.outboundsms.worker.twilio.TwilioProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the HTTP door on the worker's HTTP server ({@code server.port}), unless
 * {@code outbound-sms.http.enabled=false}: its result subscription (one exclusive queue
 * per instance, bound to every result), the token checks in front of the controller, and
 * CORS for the configured origins only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
class HttpApiConfiguration {

	/**
	 * Tokens and clients remembered: enough for every agent of a large contact centre;
	 * beyond it the least used are forgotten.
	 */
	private static final int CAPACITY = 10_000;

	@Bean
	Queue httpDoorResultQueue() {
		return new AnonymousQueue();
	}

	@Bean
	Binding httpDoorResultBinding(Queue httpDoorResultQueue, OutboundProperties outbound) {
		return BindingBuilder.bind(httpDoorResultQueue).to(new TopicExchange(outbound.exchange())).with("#");
	}

	@Bean
	ResultWaiters resultWaiters() {
		return new ResultWaiters();
	}

	@Bean
	RequestLedger requestLedger(JdbcClient jdbc) {
		return new RequestLedger(jdbc);
	}

	@Bean
	ResultSubscription httpDoorResultSubscription(ResultWaiters waiters, RequestLedger ledger, Clock clock,
			JsonMapper json) {
		return new ResultSubscription(waiters, ledger, clock, json);
	}

	@Bean
	Authenticator callers(HttpApiProperties properties, TwilioProperties twilio, WorkerMetrics metrics, Clock clock,
			JsonMapper json) {
		FlexTokenCache flexTokens = null;
		if (properties.flexTokens()) {
			FlexTokens validation = new BudgetedFlexTokens(new TwilioFlexTokens(twilio, metrics, json),
					properties.tokenValidation());
			flexTokens = new FlexTokenCache(new FlexTokenCheck(twilio.accountSid(), json), validation, clock, CAPACITY,
					properties.tokenValidation().refusedMemory());
		}
		return new Authenticator(properties.apiTokens(), flexTokens,
				new ClientRefusals(properties.clientRefusals(), CAPACITY));
	}

	@Bean
	RequestPublisher httpDoorRequestPublisher(ConfirmedSenders senders, InboundProperties inbound,
			OutboundProperties outbound) {
		// a request the exchange cannot route is not queued: the caller must hear it
		return new RequestPublisher(senders.mandatory(outbound.confirmTimeout()), inbound);
	}

	@Bean
	ResultAnswers resultAnswers(TwilioProperties twilio, JsonMapper json) {
		return new ResultAnswers(new FunctionResources(twilio.accountSid(), twilio.proxyServiceSid()), json);
	}

	@Bean
	WebMvcConfigurer httpDoorInterceptors(HttpApiProperties properties, Authenticator callers) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// in this order: a body too large is refused before it costs an
				// authentication, and a Flex token may be in the body
				registry.addInterceptor(new BodyReadingInterceptor(properties.maxBodySize().toBytes()))
					.addPathPatterns(OutboundSmsController.PATH);
				registry.addInterceptor(new AuthenticationInterceptor(callers))
					.addPathPatterns(OutboundSmsController.PATH, OutboundSmsController.PATH + "/*",
							CampaignController.PATH, CampaignController.PATH + "/**");
			}

		};
	}

	@Bean
	WebMvcConfigurer httpDoorCors(HttpApiProperties properties) {
		return new WebMvcConfigurer() {

			@Override
			public void addCorsMappings(CorsRegistry registry) {
				// closed unless origins are configured: a browser elsewhere gets no CORS
				// headers and so cannot read the answer
				if (!properties.corsOrigins().isEmpty()) {
					registry.addMapping(OutboundSmsController.PATH + "/**")
						.allowedOrigins(properties.corsOrigins().toArray(String[]::new))
						.allowedMethods("GET", "POST")
						.allowedHeaders("Authorization", "Content-Type", OutboundSmsController.IDEMPOTENCY_KEY,
								OutboundSmsController.FLEX_TOKEN)
						.exposedHeaders("Location")
						.maxAge(600);
					registry.addMapping(OutboundSmsController.PATH)
						.allowedOrigins(properties.corsOrigins().toArray(String[]::new))
						.allowedMethods("POST")
						.allowedHeaders("Authorization", "Content-Type", OutboundSmsController.IDEMPOTENCY_KEY,
								OutboundSmsController.FLEX_TOKEN)
						.exposedHeaders("Location")
						.maxAge(600);
				}
			}

		};
	}

}
