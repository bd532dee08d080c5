package com.outboundsms.worker.sandbox;

import java.time.Duration;

import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.NewFlexFlow;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.outbound.OutboundProperties;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import com.outboundsms.worker.twilio.TwilioProperties;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Sandbox mode's development-time services: the Twilio emulator in-process with the
 * sandbox number's task and Studio Flex Flows, the sample requests published at start-up,
 * and a log of every result event. Added by {@code TestWorkerApplication} only.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

	@Bean(destroyMethod = "close")
	TwilioEmulator sandboxEmulator(SandboxProperties sandbox, TwilioProperties twilio) {
		TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults()
			.withPort(sandbox.emulatorPort())
			.withCredentials(twilio.accountSid(), twilio.authToken()));
		emulator.createFlexFlow(sandbox.twilioNumber());
		// notify requests are made on the number's Studio flow
		emulator.createFlexFlow(NewFlexFlow.studio(sandbox.twilioNumber()));
		return emulator;
	}

	@Bean
	Queue sandboxResultQueue() {
		return new AnonymousQueue();
	}

	@Bean
	Binding sandboxResultBinding(Queue sandboxResultQueue, OutboundProperties outbound) {
		return BindingBuilder.bind(sandboxResultQueue).to(new TopicExchange(outbound.exchange())).with("result.#");
	}

	@Bean
	SandboxResultLog sandboxResultLog() {
		return new SandboxResultLog();
	}

	@Bean
	SandboxRequests sandboxRequests(ConfirmedSenders senders, InboundProperties inbound, SandboxProperties sandbox,
			TwilioEmulator sandboxEmulator) {
		// mandatory, as a producer's should be: a sample that reaches no queue fails
		// loudly
		return new SandboxRequests(senders.mandatory(Duration.ofSeconds(10)), inbound, sandbox);
	}

}
