package com.outboundsms.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.outboundsms.worker.deadletter.MessageRepublisher;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.publishing.ConfirmedSender;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.util.unit.DataSize;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * A request set aside, for its next attempt or out a consumption pause, waits in a delay
 * queue of its own lane, whose messages expire back into that lane.
 */
class RetryRepublisherTests {

	private static final InboundProperties PROPERTIES = new InboundProperties("outbound-sms", "request",
			"outbound-sms.requests", "request.bulk", "outbound-sms.requests.bulk", 20, DataSize.ofKilobytes(64), "US",
			8, Duration.ofHours(1), List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofMinutes(1), 8);

	// the interaction is the behaviour: which delay queue the copy is routed to
	private final ConfirmedSender sender = mock(ConfirmedSender.class);

	private final RetryRepublisher retries = new RetryRepublisher(new MessageRepublisher(this.sender), PROPERTIES,
			new RetryDelays(PROPERTIES.retryDelays(), () -> 0.0));

	@Test
	void retriesABulkRequestThroughTheBulkLanesDelayQueue() {
		Message message = request();

		this.retries.republishForRetry(message, Lane.BULK, Attempt.of(message.getMessageProperties(), Instant.EPOCH),
				"503", Duration.ZERO);

		then(this.sender).should()
			.send(eq("outbound-sms.retry"), eq("outbound-sms.requests.bulk.retry.1000ms"), any(Message.class),
					anyString());
	}

	@Test
	void retriesAnInteractiveRequestThroughTheInteractiveLanesDelayQueue() {
		Message message = request();

		this.retries.republishForRetry(message, Lane.INTERACTIVE,
				Attempt.of(message.getMessageProperties(), Instant.EPOCH), "503", Duration.ZERO);

		then(this.sender).should()
			.send(eq("outbound-sms.retry"), eq("outbound-sms.requests.retry.1000ms"), any(Message.class), anyString());
	}

	@Test
	void setsABulkRequestAsideDuringAPauseInTheBulkLane() {
		this.retries.republishDuringPause(request(), Lane.BULK);

		then(this.sender).should()
			.send(eq("outbound-sms.retry"), eq("outbound-sms.requests.bulk.retry.1000ms"), any(Message.class),
					anyString());
	}

	private static Message request() {
		return new Message("{}".getBytes(StandardCharsets.UTF_8), new MessageProperties());
	}

}
