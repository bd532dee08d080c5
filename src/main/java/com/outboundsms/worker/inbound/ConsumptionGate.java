package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.WireTime;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Pauses consumption while a dependency fails for every request (Twilio refusing the
 * credentials, the store unreachable), so that messages stay safely in the queue instead
 * of flooding the dead-letter queue; probes the dependency with a growing backoff and
 * resumes by itself once it answers and the listeners of both lanes run again. A Twilio
 * 403 that keeps coming while Twilio accepts the credentials is a permission the API key
 * lacks: it fails the requests that need the call instead. Reports DOWN, with the reason,
 * while paused or while the listener is not running.
 */
class ConsumptionGate implements HealthIndicator, AutoCloseable {

	/** The interactive lane's listener. */
	static final String LISTENER_ID = "outbound-sms-requests";

	/** The bulk lane's listener. */
	static final String BULK_LISTENER_ID = "outbound-sms-requests-bulk";

	/**
	 * Both lanes' listeners: a dependency that fails for every request fails for both.
	 */
	static final List<String> LISTENER_IDS = List.of(LISTENER_ID, BULK_LISTENER_ID);

	private static final Logger logger = LoggerFactory.getLogger(ConsumptionGate.class);

	private final RabbitListenerEndpointRegistry registry;

	private final Map<Dependency, DependencyProbe> probes;

	private final BackOff probeBackOff;

	private final WorkerMetrics metrics;

	private final Clock clock;

	private final MissingPermissions permissions;

	private final TaskScheduler scheduler;

	private final AtomicReference<@Nullable Suspension> pause = new AtomicReference<>();

	/**
	 * Creates the gate.
	 * @param registry where the request listeners are
	 * @param probes a probe per dependency
	 * @param properties the probes' backoff and the pauses that make a missing permission
	 * @param metrics where pauses are counted
	 * @param clock the time a pause begins
	 * @param scheduler runs the probes and stops the listener, never on a listener thread
	 */
	ConsumptionGate(RabbitListenerEndpointRegistry registry, List<DependencyProbe> probes,
			ConsumptionProperties properties, WorkerMetrics metrics, Clock clock, TaskScheduler scheduler) {
		this.registry = registry;
		this.probes = probes.stream().collect(Collectors.toMap(DependencyProbe::dependency, Function.identity()));
		this.probeBackOff = probeBackOff(properties);
		this.metrics = metrics;
		this.clock = clock;
		this.permissions = new MissingPermissions(properties.forbiddenPauses());
		this.scheduler = scheduler;
	}

	/**
	 * The gate's own thread, so that a probe never waits behind other work; a daemon, so
	 * that it never holds the worker's exit.
	 * @return an initialized scheduler, which {@link #close()} shuts down
	 */
	static ThreadPoolTaskScheduler ownScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("consumption-gate-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		return scheduler;
	}

	/** Each failed probe doubles the wait before the next, up to the longest. */
	private static BackOff probeBackOff(ConsumptionProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.probeInitialDelay().toMillis(), 2);
		backOff.setMaxInterval(properties.probeMaxDelay().toMillis());
		return backOff;
	}

	/**
	 * Stops consumption, unless it is stopped already, and starts probing; unless the
	 * failure is Twilio answering 403 to a call found to need a permission the API key
	 * lacks, which fails only the request.
	 * @param failure what failed, with a reason free of secrets and phone numbers
	 * @return the failure the request fails with instead of pausing, if it is a missing
	 * permission
	 */
	Optional<PermanentFailure> pauseFor(SystemicFailure failure) {
		boolean forbidden = failure.dependency() == Dependency.TWILIO
				&& failure.twilioStatus().filter((status) -> status == 403).isPresent();
		Optional<PermanentFailure> missing = forbidden ? missingPermission(failure) : Optional.empty();
		if (missing.isEmpty()) {
			pause(new Suspension(failure.dependency(), failure.getMessage(), this.clock.instant(), forbidden));
		}
		return missing;
	}

	/** The dependency consumption is paused for, if it is. */
	Optional<Dependency> pausedFor() {
		return Optional.ofNullable(this.pause.get()).map(Suspension::dependency);
	}

	/**
	 * A 403 fails its request only when every call Twilio refuses was confirmed by
	 * pauses, and a probe finds the credentials accepted right now: a credential outage
	 * that began since then pauses, it never dead-letters.
	 */
	private Optional<PermanentFailure> missingPermission(SystemicFailure failure) {
		DependencyProbe twilio = this.probes.get(Dependency.TWILIO);
		if (twilio == null || !this.permissions.confirmed(twilio.refusedCalls())) {
			return Optional.empty();
		}
		try {
			twilio.check();
		}
		catch (RuntimeException credentialsRefused) {
			return Optional.empty();
		}
		List<String> refused = twilio.refusedCalls();
		if (!this.permissions.confirmed(refused)) {
			return Optional.empty();
		}
		return Optional.of(new PermanentFailure(ErrorCode.TWILIO_FORBIDDEN,
				failure.getMessage() + "; Twilio accepts the credentials but refuses " + String.join(", ", refused)
						+ ": the API key lacks a permission",
				failure.twilioCode().orElse(null), failure.twilioStatus().orElse(null), failure));
	}

	private void pause(Suspension paused) {
		if (this.pause.compareAndSet(null, paused)) {
			logger.error("Consumption paused: {} fails for every request ({}); probing until it works again",
					paused.dependency(), paused.reason());
			this.metrics.consumptionPaused(paused.dependency(), true);
			// stopping waits for the listener threads, one of which is the caller: not on
			// this thread
			later(Duration.ZERO, () -> containers().forEach(MessageListenerContainer::stop));
			BackOffExecution backOff = this.probeBackOff.start();
			probeAfter(next(backOff), backOff);
		}
	}

	private void probeAfter(Duration delay, BackOffExecution backOff) {
		later(delay, () -> probe(backOff));
	}

	private void later(Duration delay, Runnable task) {
		this.scheduler.schedule(task, this.scheduler.getClock().instant().plus(delay));
	}

	private void probe(BackOffExecution backOff) {
		Suspension current = this.pause.get();
		if (current == null) {
			return;
		}
		DependencyProbe probe = this.probes.get(current.dependency());
		try {
			probe.check();
		}
		catch (RuntimeException stillFailing) {
			if (current.forbidden()) {
				// the credentials themselves are refused: an outage, not a permission
				this.permissions.forget();
			}
			Duration next = next(backOff);
			logger.warn("Probe of {} failed ({}); next probe in {}", current.dependency(),
					stillFailing.getClass().getSimpleName(), next);
			probeAfter(next, backOff);
			return;
		}
		if (current.forbidden()) {
			this.permissions.confirm(probe.refusedCalls());
		}
		try {
			restartListener();
		}
		catch (RuntimeException notStarted) {
			String reason = current.dependency() + " works again, but the request listeners did not start ("
					+ notStarted.getClass().getSimpleName() + ": " + notStarted.getMessage() + ")";
			// counted once: the next probe is about the listener, not the permission
			this.pause.set(new Suspension(current.dependency(), reason, current.since(), false));
			Duration next = next(backOff);
			logger.error("Consumption still paused: {}; next attempt in {}", reason, next);
			probeAfter(next, backOff);
			return;
		}
		this.pause.set(null);
		this.metrics.consumptionPaused(current.dependency(), false);
		logger.info("Consumption resumed: {} works again", current.dependency());
	}

	/**
	 * Starts both lanes' listeners and checks that they run. The container's start waits
	 * for its consumers and throws when they cannot consume (the queue gone or locked);
	 * one whose start failed may still count itself running until it stops, so it is
	 * stopped first, else the start would do nothing.
	 */
	private void restartListener() {
		for (String id : LISTENER_IDS) {
			MessageListenerContainer container = this.registry.getListenerContainer(id);
			if (container == null) {
				throw new IllegalStateException("the listener " + id + " is missing");
			}
			if (container.isRunning()) {
				container.stop();
			}
			container.start();
			if (!container.isRunning()) {
				throw new IllegalStateException("the listener " + id + " stopped as it started");
			}
		}
	}

	private static Duration next(BackOffExecution backOff) {
		return Duration.ofMillis(backOff.nextBackOff());
	}

	/** The lanes' listener containers there are; none before the registry has them. */
	private List<MessageListenerContainer> containers() {
		List<MessageListenerContainer> containers = new ArrayList<>();
		for (String id : LISTENER_IDS) {
			MessageListenerContainer container = this.registry.getListenerContainer(id);
			if (container != null) {
				containers.add(container);
			}
		}
		return containers;
	}

	/** The listeners that are missing or not running. */
	private List<String> notRunning() {
		return LISTENER_IDS.stream().filter((id) -> {
			MessageListenerContainer container = this.registry.getListenerContainer(id);
			return container == null || !container.isRunning();
		}).toList();
	}

	@Override
	public Health health() {
		Suspension current = this.pause.get();
		List<String> notRunning = notRunning();
		Health.Builder health;
		if (current != null) {
			health = Health.down()
				.withDetail("paused", true)
				.withDetail("dependency", current.dependency().name())
				.withDetail("reason", current.reason())
				.withDetail("since", WireTime.format(current.since()));
		}
		else if (!notRunning.isEmpty()) {
			health = Health.down()
				.withDetail("paused", false)
				.withDetail("reason", "the request listener is not running")
				.withDetail("listeners", notRunning);
		}
		else {
			health = Health.up();
		}
		DependencyProbe twilio = this.probes.get(Dependency.TWILIO);
		List<String> forbidden = (twilio != null) ? this.permissions.confirmedAmong(twilio.refusedCalls()) : List.of();
		if (!forbidden.isEmpty()) {
			health.withDetail("forbiddenCalls", forbidden)
				.withDetail("forbidden",
						"Twilio accepts the credentials but answers these calls 403: the API key "
								+ "lacks a permission for them; requests that need them are dead-lettered with "
								+ ErrorCode.TWILIO_FORBIDDEN);
		}
		return health.build();
	}

	/** Drops the probes to come: the scheduler, when it is the gate's own, stops. */
	@Override
	public void close() {
		if (this.scheduler instanceof ExecutorConfigurationSupport own) {
			own.shutdown();
		}
	}

	/**
	 * Why consumption is paused, and since when.
	 *
	 * @param forbidden whether a Twilio 403 caused it, so that its probe counts towards a
	 * missing permission
	 */
	private record Suspension(Dependency dependency, String reason, Instant since, boolean forbidden) {
	}

}
