package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * The gate's pause, probes and resumption, on a scheduler the test runs by hand: each
 * failed probe doubles the wait before the next, up to the longest.
 */
class ConsumptionGateTests {

	private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private final TaskScheduler scheduler = mock(TaskScheduler.class);

	private final List<Scheduled> scheduled = new ArrayList<>();

	private final MessageListenerContainer container = mock(MessageListenerContainer.class);

	private final MessageListenerContainer bulkContainer = mock(MessageListenerContainer.class);

	private final RabbitListenerEndpointRegistry registry = mock(RabbitListenerEndpointRegistry.class);

	private final StoreProbe store = new StoreProbe();

	private ConsumptionGate gate;

	private int ran;

	@BeforeEach
	void startGate() {
		given(this.scheduler.getClock()).willReturn(Clock.fixed(NOW, ZoneOffset.UTC));
		given(this.scheduler.schedule(any(Runnable.class), any(Instant.class))).willAnswer((invocation) -> {
			this.scheduled.add(new Scheduled(invocation.getArgument(0), invocation.getArgument(1)));
			return null;
		});
		given(this.registry.getListenerContainer(ConsumptionGate.LISTENER_ID)).willReturn(this.container);
		given(this.registry.getListenerContainer(ConsumptionGate.BULK_LISTENER_ID)).willReturn(this.bulkContainer);
		ConsumptionProperties properties = new ConsumptionProperties(Duration.ofSeconds(1), Duration.ofSeconds(60),
				Duration.ofSeconds(30), 0, 1, 3, 4);
		this.gate = new ConsumptionGate(this.registry, List.of(this.store), properties, WorkerMetrics.none(),
				Clock.fixed(NOW, ZoneOffset.UTC), this.scheduler);
	}

	@Test
	void stopsTheListenerOffTheCallersThreadAndProbesWithADoublingWaitUpToTheLongest() {
		this.store.failures = 8;

		assertThat(this.gate.pauseFor(storeDown())).isEmpty();
		then(this.container).shouldHaveNoInteractions();
		then(this.bulkContainer).shouldHaveNoInteractions();
		runNext();
		then(this.container).should().stop();
		then(this.bulkContainer).should().stop();
		for (int probe = 0; probe < 8; probe++) {
			runNext();
		}

		assertThat(this.scheduled).map(Scheduled::delay)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
					Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(60),
					Duration.ofSeconds(60), Duration.ofSeconds(60));
		assertThat(this.gate.pausedFor()).contains(Dependency.STORE);
	}

	@Test
	void resumesOnceTheProbeFindsTheDependencyWorkingAndStartsAgainFromTheShortestWait() {
		this.store.failures = 1;
		given(this.container.isRunning()).willReturn(false, true);
		given(this.bulkContainer.isRunning()).willReturn(false, true);

		this.gate.pauseFor(storeDown());
		runNext();
		runNext();
		runNext();

		then(this.container).should().start();
		then(this.bulkContainer).should().start();
		assertThat(this.gate.pausedFor()).isEmpty();
		assertThat(this.scheduled).hasSize(3);

		this.gate.pauseFor(storeDown());
		assertThat(this.scheduled.subList(3, 5)).map(Scheduled::delay)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(1));
	}

	@Test
	void staysPausedWhileTheBulkListenerDoesNotStart() {
		this.store.failures = 0;
		given(this.container.isRunning()).willReturn(false, true);
		given(this.bulkContainer.isRunning()).willReturn(false);

		this.gate.pauseFor(storeDown());
		runNext();
		runNext();

		then(this.bulkContainer).should().start();
		assertThat(this.gate.pausedFor()).contains(Dependency.STORE);
		assertThat(this.gate.health().getDetails().get("reason")).asString()
			.contains(ConsumptionGate.BULK_LISTENER_ID + " stopped as it started");
	}

	private void runNext() {
		this.scheduled.get(this.ran++).task().run();
	}

	private static SystemicFailure storeDown() {
		return new SystemicFailure(Dependency.STORE, "the store is unreachable", null, null, null);
	}

	private record Scheduled(Runnable task, Instant at) {

		Duration delay() {
			return Duration.between(NOW, this.at);
		}

	}

	private static final class StoreProbe implements DependencyProbe {

		private int failures;

		@Override
		public Dependency dependency() {
			return Dependency.STORE;
		}

		@Override
		public void check() {
			if (this.failures > 0) {
				this.failures--;
				throw new IllegalStateException("still unreachable");
			}
		}

	}

}
