package com.outboundsms.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachProgress;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the worker's Twilio backend to record the lane each processing thread works in,
 * per request id, and to hold the bulk lane's work on demand, so that a test sees which
 * lane served a request and what the other lane does while one is stuck.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LaneRecorder {

	private final Map<String, List<Lane>> lanes = new ConcurrentHashMap<>();

	private final List<String> arrivals = new CopyOnWriteArrayList<>();

	private final AtomicReference<CountDownLatch> bulkHold = new AtomicReference<>(new CountDownLatch(0));

	@Bean
	static BeanPostProcessor laneRecordingBackend(LaneRecorder recorder) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof OutreachBackend backend) ? recorder.wrap(backend) : bean;
			}

		};
	}

	/**
	 * The lanes the request's attempts were processed in, in order.
	 * @param requestId the request id
	 * @return one lane per attempt that reached Twilio's backend
	 */
	public List<Lane> lanesOf(String requestId) {
		return List.copyOf(this.lanes.getOrDefault(requestId, List.of()));
	}

	/**
	 * The request ids in the order their attempts reached Twilio's backend.
	 * @return the ids, one per attempt
	 */
	public List<String> arrivals() {
		return List.copyOf(this.arrivals);
	}

	/** Bulk-lane work waits, each thread at the backend's door, until released. */
	public void holdBulk() {
		this.bulkHold.set(new CountDownLatch(1));
	}

	/** Lets bulk-lane work go on. */
	public void releaseBulk() {
		this.bulkHold.get().countDown();
	}

	OutreachBackend wrap(OutreachBackend backend) {
		return new OutreachBackend() {

			@Override
			public String name() {
				return backend.name();
			}

			@Override
			public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
				Lane lane = Lane.current();
				LaneRecorder.this.lanes.computeIfAbsent(request.requestId(), (id) -> new CopyOnWriteArrayList<>())
					.add(lane);
				LaneRecorder.this.arrivals.add(request.requestId());
				if (lane == Lane.BULK) {
					awaitRelease();
				}
				return backend.create(request, progress, checkpoint);
			}

			@Override
			public boolean isOpen(OutreachProgress outreach) {
				return backend.isOpen(outreach);
			}

		};
	}

	/** Bounded, so that a failing test never hangs the listener's shutdown for good. */
	private void awaitRelease() {
		try {
			if (!this.bulkHold.get().await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("the test never released the bulk lane");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the bulk lane was held", ex);
		}
	}

}
