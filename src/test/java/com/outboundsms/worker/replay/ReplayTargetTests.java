package com.outboundsms.worker.replay;

import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.replay.DeadLetterReplay.ReplayTarget;
import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replayed request goes back to the lane it came in: the one its dead letter names,
 * else the one whose queue the broker dead-lettered it from, else the interactive lane.
 */
class ReplayTargetTests {

	private final ReplayTarget target = new ReplayTarget("outbound-sms.requests.dlq", "outbound-sms", "request",
			"outbound-sms.requests.bulk", "request.bulk", Duration.ofSeconds(10));

	@Test
	void sendsADeadLetterOfTheBulkLaneBackToIt() {
		assertThat(this.target.routingKeyFor(Map.of("x-lane", LongStringHelper.asLongString("bulk"))))
			.isEqualTo("request.bulk");
	}

	@Test
	void sendsADeadLetterOfTheInteractiveLaneBackToIt() {
		assertThat(this.target.routingKeyFor(Map.of("x-lane", LongStringHelper.asLongString("interactive"))))
			.isEqualTo("request");
	}

	@Test
	void sendsWhatTheBrokerDeadLetteredFromTheBulkQueueBackToTheBulkLane() {
		assertThat(this.target
			.routingKeyFor(Map.of("x-first-death-queue", LongStringHelper.asLongString("outbound-sms.requests.bulk"))))
			.isEqualTo("request.bulk");
		assertThat(this.target
			.routingKeyFor(Map.of("x-first-death-queue", LongStringHelper.asLongString("outbound-sms.requests"))))
			.isEqualTo("request");
	}

	@Test
	void sendsWhatNamesNoLaneToTheInteractiveLane() {
		assertThat(this.target.routingKeyFor(null)).isEqualTo("request");
		assertThat(this.target.routingKeyFor(Map.of("tenant", "acme"))).isEqualTo("request");
	}

}
