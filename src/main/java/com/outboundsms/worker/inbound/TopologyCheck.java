package com.outboundsms.worker.inbound;

import java.util.Optional;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.SmartLifecycle;

/**
 * Declares the worker's exchanges, queues and bindings before any listener starts (the
 * first phase of the start, after the context is refreshed, so that a start that stops at
 * the refresh, as {@code ops/start-cache}'s does, touches no broker), and stops start-up
 * with a message naming the queue and the argument when one already exists with other
 * arguments (the broker refuses to redeclare it, and a listener on it would break the
 * contract).
 */
class TopologyCheck implements SmartLifecycle {

	private final AmqpAdmin admin;

	private volatile boolean running;

	TopologyCheck(AmqpAdmin admin) {
		this.admin = admin;
	}

	@Override
	public int getPhase() {
		// before the listener containers and everything else that publishes
		return Integer.MIN_VALUE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public void start() {
		declare();
		this.running = true;
	}

	private void declare() {
		try {
			this.admin.initialize();
		}
		catch (AmqpConnectException ex) {
			throw new IllegalStateException("Cannot reach RabbitMQ to declare the worker's queues: " + ex.getMessage(),
					ex);
		}
		catch (AmqpException ex) {
			Optional<String> mismatch = inequivalentArgument(ex);
			if (mismatch.isPresent()) {
				throw new IllegalStateException(
						"A queue or exchange already exists with other arguments than the worker's: " + mismatch.get()
								+ ". Delete or migrate it, or configure other names.",
						ex);
			}
			throw ex;
		}
	}

	/**
	 * The broker's own words, which name the queue and the argument
	 * ({@code inequivalent arg …}).
	 */
	private static Optional<String> inequivalentArgument(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			int at = message.indexOf("inequivalent arg");
			if (at >= 0) {
				int end = message.indexOf(", class-id", at);
				return Optional.of(message.substring(at, (end > at) ? end : message.length()));
			}
		}
		return Optional.empty();
	}

}
