package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.outboundsms.worker.processing.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ResultSubscriptionTests {

	private final ResultWaiters waiters = new ResultWaiters();

	private final List<String> noted = new ArrayList<>();

	private final ResultSubscription subscription = new ResultSubscription(this.waiters, new NotingLedger(this.noted),
			Clock.systemUTC(), JsonMapper.builder().build());

	@Test
	void anAwaitedResultReachesItsWaiter() {
		CompletableFuture<Map<String, Object>> waiter = this.waiters.register("r-1");

		this.subscription.on(result("r-1", "result.reused", "{\"requestId\":\"r-1\",\"outcome\":\"REUSED\"}"));

		assertThat(waiter).isCompletedWithValue(Map.of("requestId", "r-1", "outcome", "REUSED"));
		assertThat(this.waiters.isAwaited("r-1")).isFalse();
	}

	@Test
	void aResultForAnotherRequestLeavesTheWaiterWaiting() {
		CompletableFuture<Map<String, Object>> waiter = this.waiters.register("r-1");

		this.subscription.on(result("r-2", "result.created", "{\"requestId\":\"r-2\",\"outcome\":\"CREATED\"}"));

		assertThat(waiter).isNotDone();
		assertThat(this.waiters.isAwaited("r-1")).isTrue();
	}

	@Test
	void aFailedResultNobodyWaitsForIsStillNoted() {
		this.subscription.on(result("r-3", "result.failed",
				"{\"requestId\":\"r-3\",\"outcome\":\"FAILED\",\"error\":{\"code\":\"FLEX_FLOW_NOT_FOUND\",\"message\":\"no flow\"}}"));

		assertThat(this.noted).containsExactly("r-3 FLEX_FLOW_NOT_FOUND no flow");
	}

	private static Message result(String requestId, String routingKey, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setCorrelationId(requestId);
		properties.setReceivedRoutingKey(routingKey);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

	/** Records the failures the subscription notes, instead of writing them. */
	private static final class NotingLedger extends RequestLedger {

		private final List<String> noted;

		NotingLedger(List<String> noted) {
			super(null);
			this.noted = noted;
		}

		@Override
		void failed(String requestId, ErrorCode code, String message, Instant at) {
			this.noted.add(requestId + " " + code + " " + message);
		}

	}

}
