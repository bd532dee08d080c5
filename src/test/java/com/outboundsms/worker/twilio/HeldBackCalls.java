package com.outboundsms.worker.twilio;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.outboundsms.worker.processing.WorkerMetrics;

/**
 * Metrics that remember the calls held back for the interactive lane, as
 * {@code endpoint reason}, and record nothing else.
 */
final class HeldBackCalls {

	private final List<String> heldBack = new CopyOnWriteArrayList<>();

	private final WorkerMetrics metrics = (WorkerMetrics) Proxy.newProxyInstance(WorkerMetrics.class.getClassLoader(),
			new Class<?>[] { WorkerMetrics.class }, (proxy, method, args) -> {
				if (method.getName().equals("twilioCallHeldBack")) {
					this.heldBack.add(args[0] + " " + args[1]);
				}
				return null;
			});

	WorkerMetrics metrics() {
		return this.metrics;
	}

	List<String> heldBack() {
		return List.copyOf(this.heldBack);
	}

}
