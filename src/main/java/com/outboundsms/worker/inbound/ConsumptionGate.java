package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;
import com.outboundsms.worker.processing.WireTime;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Pauses consumption while a dependency fails for every request (Twilio refusing the
 * credentials, the store unreachable), so that messages stay safely in the queue instead
 * of flooding the dead-letter queue; probes the dependency with a growing backoff and
 * resumes by itself once it answers and the listener runs again. Reports DOWN, with the
 * reason, while paused or while the listener is not running.
 */
class ConsumptionGate implements HealthIndicator, AutoCloseable {

	static final String LISTENER_ID = "outbound-sms-requests";

	private static final Logger logger = LoggerFactory.getLogger(ConsumptionGate.class);

	private final RabbitListenerEndpointRegistry registry;

	private final Map<Dependency, DependencyProbe> probes;

	private final ConsumptionProperties properties;

	private final WorkerMetrics metrics;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "consumption-gate");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicReference<Pause> pause = new AtomicReference<>();

	ConsumptionGate(RabbitListenerEndpointRegistry registry, List<DependencyProbe> probes,
			ConsumptionProperties properties, WorkerMetrics metrics, Clock clock) {
		this.registry = registry;
		this.probes = probes.stream().collect(Collectors.toMap(DependencyProbe::dependency, Function.identity()));
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Stops consumption, unless it is stopped already, and starts probing.
	 * @param dependency what failed
	 * @param reason why, without secrets or phone numbers
	 */
	void pause(Dependency dependency, String reason) {
		if (this.pause.compareAndSet(null, new Pause(dependency, reason, this.clock.instant()))) {
			logger.error("Consumption paused: {} fails for every request ({}); probing until it works again",
					dependency, reason);
			this.metrics.consumptionPaused(dependency, true);
			// stopping waits for the listener threads, one of which is the caller: not on
			// this thread
			this.scheduler.execute(() -> container().stop());
			scheduleProbe(this.properties.probeInitialDelay());
		}
	}

	/** The dependency consumption is paused for, if it is. */
	Optional<Dependency> pausedFor() {
		return Optional.ofNullable(this.pause.get()).map(Pause::dependency);
	}

	private void scheduleProbe(Duration delay) {
		this.scheduler.schedule(() -> probe(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void probe(Duration delay) {
		Pause current = this.pause.get();
		if (current == null) {
			return;
		}
		try {
			this.probes.get(current.dependency()).check();
		}
		catch (RuntimeException stillFailing) {
			logger.warn("Probe of {} failed ({}); next probe in {}", current.dependency(),
					stillFailing.getClass().getSimpleName(), next(delay));
			scheduleProbe(next(delay));
			return;
		}
		try {
			restartListener();
		}
		catch (RuntimeException notStarted) {
			String reason = current.dependency() + " works again, but the request listener did not start ("
					+ notStarted.getClass().getSimpleName() + ": " + notStarted.getMessage() + ")";
			this.pause.set(new Pause(current.dependency(), reason, current.since()));
			logger.error("Consumption still paused: {}; next attempt in {}", reason, next(delay));
			scheduleProbe(next(delay));
			return;
		}
		this.pause.set(null);
		this.metrics.consumptionPaused(current.dependency(), false);
		logger.info("Consumption resumed: {} works again", current.dependency());
	}

	/**
	 * Starts the listener and checks that it runs. The container's start waits for its
	 * consumers and throws when they cannot consume (the queue gone or locked); one whose
	 * start failed may still count itself running until it stops, so it is stopped first,
	 * else the start would do nothing.
	 */
	private void restartListener() {
		MessageListenerContainer container = container();
		if (container.isRunning()) {
			container.stop();
		}
		container.start();
		if (!container.isRunning()) {
			throw new IllegalStateException("the listener stopped as it started");
		}
	}

	private Duration next(Duration delay) {
		Duration next = delay.multipliedBy(2);
		return (next.compareTo(this.properties.probeMaxDelay()) > 0) ? this.properties.probeMaxDelay() : next;
	}

	private MessageListenerContainer container() {
		return this.registry.getListenerContainer(LISTENER_ID);
	}

	@Override
	public Health health() {
		Pause current = this.pause.get();
		MessageListenerContainer container = container();
		if (current != null) {
			return Health.down()
				.withDetail("paused", true)
				.withDetail("dependency", current.dependency().name())
				.withDetail("reason", current.reason())
				.withDetail("since", WireTime.format(current.since()))
				.build();
		}
		if (container == null || !container.isRunning()) {
			return Health.down()
				.withDetail("paused", false)
				.withDetail("reason", "the request listener is not running")
				.build();
		}
		return Health.up().build();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	private record Pause(Dependency dependency, String reason, Instant since) {
	}

}
