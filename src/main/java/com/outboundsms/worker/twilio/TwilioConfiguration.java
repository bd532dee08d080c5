package com.outboundsms.worker.twilio;

import java.time.Clock;

import com.outboundsms.worker.processing.OutreachBackend;
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
	TwilioRestClient twilioRestClient(TwilioProperties properties) {
		TwilioCredentials credentials = TwilioCredentials.from(properties);
		return new TwilioRestClient.Builder(credentials.username(), credentials.password())
			.accountSid(properties.accountSid())
			.httpClient(new TwilioHttpClient(properties.apiBaseUrl(), properties))
			.build();
	}

	@Bean
	FlexFlowDirectory flexFlowDirectory(TwilioRestClient client, TwilioProperties properties, Clock clock) {
		return new FlexFlowDirectory(client, properties, clock);
	}

	@Bean
	OutreachBackend outreachBackend(BackendProperties backend, TwilioRestClient client, FlexFlowDirectory flows,
			TwilioProperties properties) {
		if (!TwilioProperties.hasText(properties.proxyServiceSid())) {
			throw new IllegalStateException("The " + backend.backend().wireName()
					+ " backend needs TWILIO_PROXY_SERVICE_SID (twilio.proxy-service-sid): the Proxy service (KS…) sessions are made in");
		}
		return new FlexLegacyBackend(client, flows, properties.proxyServiceSid(), JsonMapper.builder().build());
	}

}
