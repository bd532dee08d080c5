package com.outboundsms.worker.schedule;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Releases held requests whose time has come, on every instance, on a thread of its own:
 * claims a batch, publishes it to the lanes (confirmed), deletes it, and goes on while
 * batches come full. A crash between the publish and the delete publishes the batch again
 * once its lease ends, which the worker's idempotency answers. Also counts the held
 * requests for the gauge.
 */
class HeldRequestReleaser implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HeldRequestReleaser.class);

	private final JdbcHeldRequests store;

	private final HeldRequestPublisher publisher;

	private final HoldProperties properties;

	private final Clock clock;

	private final WorkerMetrics metrics;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> releasing;

	private @Nullable ScheduledFuture<?> counting;

	HeldRequestReleaser(JdbcHeldRequests store, HeldRequestPublisher publisher, HoldProperties properties, Clock clock,
			WorkerMetrics metrics) {
		this.store = store;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Releases what is due now.
	 * @return how many requests were published
	 */
	int releaseDue() {
		int released = 0;
		while (true) {
			JdbcHeldRequests.Claim claim = this.store.claimDue(this.clock.instant(), this.properties.releaseBatch(),
					this.properties.lease());
			if (claim.requests().isEmpty()) {
				return released;
			}
			this.publisher.publish(claim.requests());
			this.store.release(claim);
			released += claim.requests().size();
		}
	}

	/**
	 * Counts the held requests into the gauge.
	 */
	void count() {
		for (Map.Entry<Lane, Map<HoldReason, Long>> lane : this.store.count().entrySet()) {
			lane.getValue().forEach((reason, held) -> this.metrics.requestsHeld(lane.getKey(), reason, held));
		}
	}

	@Override
	public synchronized void start() {
		ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
		own.setThreadNamePrefix("held-requests-");
		// never holds the worker's exit
		own.setDaemon(true);
		own.initialize();
		this.releasing = own.scheduleWithFixedDelay(() -> guarded("release", this::releaseDue),
				this.properties.releaseInterval());
		this.counting = own.scheduleWithFixedDelay(() -> guarded("count", this::count),
				this.properties.countInterval());
		this.scheduler = own;
	}

	@Override
	public synchronized void stop() {
		if (this.releasing != null) {
			this.releasing.cancel(false);
		}
		if (this.counting != null) {
			this.counting.cancel(false);
		}
		if (this.scheduler != null) {
			// lets a release under way finish its batch: what it claimed is deleted or,
			// if it
			// was cut off, released again once its lease ends
			this.scheduler.setWaitForTasksToCompleteOnShutdown(true);
			this.scheduler.setAwaitTerminationSeconds(10);
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private static void guarded(String task, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			// the next round tries again; what was claimed is released again once its
			// lease ends
			logger.warn("Held requests: {} failed: {}", task, ex.toString());
		}
	}

}
