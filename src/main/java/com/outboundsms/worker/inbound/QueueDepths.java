package com.outboundsms.worker.inbound;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.processing.WorkQueue;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the request and dead-letter queues' depths periodically, by a passive declare,
 * for the backlog gauges: the broker knows the backlog, a worker alone does not. A
 * backlog kept in several queues (the bulk lane's and its fair shares) is their sum.
 */
class QueueDepths implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueDepths.class);

	private final AmqpAdmin admin;

	private final Map<WorkQueue, List<String>> queues;

	private final BacklogProperties properties;

	private final WorkerMetrics metrics;

	private @Nullable ScheduledExecutorService scheduler;

	QueueDepths(AmqpAdmin admin, Map<WorkQueue, List<String>> queues, BacklogProperties properties,
			WorkerMetrics metrics) {
		this.admin = admin;
		this.queues = Map.copyOf(queues);
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "queue-depths");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.readInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::read, 0, interval, TimeUnit.MILLISECONDS);
	}

	private void read() {
		this.queues.forEach((queue, names) -> {
			long depth = 0;
			for (String name : names) {
				Long one = depth(name);
				if (one == null) {
					// the gauge keeps its last value rather than show part of the backlog
					return;
				}
				depth += one;
			}
			this.metrics.queueDepth(queue, depth);
		});
	}

	private @Nullable Long depth(String name) {
		try {
			Properties declared = this.admin.getQueueProperties(name);
			if (declared != null) {
				return ((Number) declared.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
			}
		}
		catch (AmqpException ex) {
			// the broker is away: the health check says so
			logger.debug("Could not read the depth of {}: {}", name, ex.getMessage());
		}
		return null;
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
