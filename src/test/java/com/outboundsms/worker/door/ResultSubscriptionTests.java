package com.outboundsms.worker.door;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ResultSubscriptionTests {

	private final ResultWaiters waiters = new ResultWaiters();

	// no failure is noted in these tests, so the ledger is never reached
	private final ResultSubscription subscription = new ResultSubscription(this.waiters, null, Clock.systemUTC());

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

	private static Message result(String requestId, String routingKey, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setCorrelationId(requestId);
		properties.setReceivedRoutingKey(routingKey);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

}
