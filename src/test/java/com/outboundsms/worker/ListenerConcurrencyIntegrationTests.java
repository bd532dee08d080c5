package com.outboundsms.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bulk lane's listener runs as many consumers as Twilio calls may be in flight, the
 * interactive lane's its own few; the result subscription of the HTTP door, built by the
 * same factory, runs one.
 */
@WorkerIntegrationTest
@TestPropertySource(properties = { "twilio.limits.initial=5", "twilio.limits.max=7",
		"outbound-sms.consumption.interactive-consumers=2" })
class ListenerConcurrencyIntegrationTests {

	@Autowired
	RabbitListenerEndpointRegistry registry;

	@Test
	void bulkConsumersFollowTheCallCeilingInteractiveOnesTheirSettingAndTheDoorsSubscriptionRunsOne() {
		SimpleMessageListenerContainer interactive = container("outbound-sms-requests");
		SimpleMessageListenerContainer bulk = container("outbound-sms-requests-bulk");
		SimpleMessageListenerContainer doorResults = container("http-door-results");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(interactive.getActiveConsumerCount()).isEqualTo(2);
			assertThat(bulk.getActiveConsumerCount()).isEqualTo(7);
			assertThat(doorResults.getActiveConsumerCount()).isEqualTo(1);
		});
	}

	private SimpleMessageListenerContainer container(String id) {
		return (SimpleMessageListenerContainer) this.registry.getListenerContainer(id);
	}

}
