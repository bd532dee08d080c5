package com.outboundsms.worker.inbound;

import java.time.Instant;

import com.outboundsms.worker.processing.NumberPair;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryContextTests {

	@Test
	void countsEarlierDeliveriesFromTheQuorumQueueHeaderElseTheRedeliveredFlag() {
		MessageProperties counted = new MessageProperties();
		counted.setHeader("x-delivery-count", 2L);
		MessageProperties flagged = new MessageProperties();
		flagged.setRedelivered(true);

		assertThat(DeliveryContext.redeliveries(counted)).isEqualTo(2);
		assertThat(DeliveryContext.redeliveries(flagged)).isEqualTo(1);
		assertThat(DeliveryContext.redeliveries(new MessageProperties())).isZero();
	}

	@Test
	void holdsTheDeliveryInTheMdcUntilClosed() {
		MessageProperties properties = new MessageProperties();
		properties.setHeader("x-delivery-count", 1);
		Attempt attempt = new Attempt(3, Instant.EPOCH, Instant.EPOCH);

		try (DeliveryContext context = DeliveryContext.open(attempt, properties)) {
			context.identify("crm-1", new NumberPair("+15005550006", "+14155552671"));
			assertThat(MDC.get("attempt")).isEqualTo("3");
			assertThat(MDC.get("redeliveries")).isEqualTo("1");
			assertThat(MDC.get("requestId")).isEqualTo("crm-1");
			assertThat(MDC.get("pair")).doesNotContain("5552671");
		}

		assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("attempt", "redeliveries", "requestId", "pair");
	}

}
