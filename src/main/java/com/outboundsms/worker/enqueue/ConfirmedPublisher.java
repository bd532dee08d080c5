package com.outboundsms.worker.enqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.enqueue.Sender.Delivery;
import com.outboundsms.worker.pacing.Pacer;

/**
 * Publishes requests paced, with at most a window of them awaiting the broker's confirm;
 * a request the broker refuses, cannot route or does not confirm in time is published
 * again, up to a number of attempts, then counted as failed. Settles confirms oldest
 * first, as the broker sends them.
 */
class ConfirmedPublisher {

	private final Sender sender;

	private final Pacer pacer;

	private final int window;

	private final int maxAttempts;

	private final Duration confirmTimeout;

	private final Progress progress;

	private final Deque<InFlight> inFlight = new ArrayDeque<>();

	private final List<FailedRow> failed = new ArrayList<>();

	private int published;

	private int confirmed;

	private int retries;

	ConfirmedPublisher(Sender sender, Pacer pacer, int window, int maxAttempts, Duration confirmTimeout,
			Progress progress) {
		this.sender = sender;
		this.pacer = pacer;
		this.window = window;
		this.maxAttempts = maxAttempts;
		this.confirmTimeout = confirmTimeout;
		this.progress = progress;
	}

	/**
	 * Publishes one request, first waiting for the pacer and, when the window is full,
	 * for the oldest confirm.
	 * @param request the request
	 * @throws InterruptedException if interrupted while waiting
	 */
	void publish(FileRequest request) throws InterruptedException {
		send(request, 1);
		this.published++;
		while (!this.inFlight.isEmpty() && this.inFlight.peekFirst().answer().isDone()) {
			awaitConfirm(this.inFlight.removeFirst());
		}
		while (this.inFlight.size() >= this.window) {
			awaitConfirm(this.inFlight.removeFirst());
		}
	}

	/**
	 * Waits for every confirm still due, publishing again what needs it.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void finish() throws InterruptedException {
		while (!this.inFlight.isEmpty()) {
			awaitConfirm(this.inFlight.removeFirst());
		}
	}

	private void send(FileRequest request, int attempt) throws InterruptedException {
		this.pacer.acquire();
		this.inFlight.addLast(new InFlight(request, attempt, this.sender.send(request)));
	}

	private void awaitConfirm(InFlight message) throws InterruptedException {
		Delivery delivery = await(message.answer());
		if (delivery.confirmed()) {
			this.confirmed++;
		}
		else if (message.attempt() < this.maxAttempts) {
			this.retries++;
			send(message.request(), message.attempt() + 1);
			return;
		}
		else {
			this.failed.add(new FailedRow(message.request().line(), message.request().requestId(), delivery.failure(),
					message.attempt()));
		}
		this.progress.update(this.confirmed, this.failed.size());
	}

	private Delivery await(CompletableFuture<Delivery> answer) throws InterruptedException {
		try {
			return answer.get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// it may still arrive; publishing again
			// is harmless, the request id is the same
			return Delivery.failed("no confirm from the broker within " + this.confirmTimeout.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			return Delivery.failed(String.valueOf(ex.getCause().getMessage()));
		}
	}

	/**
	 * Messages published, each counted once however many times it was sent.
	 * @return the count
	 */
	int published() {
		return this.published;
	}

	int confirmed() {
		return this.confirmed;
	}

	/**
	 * Messages published but neither confirmed nor failed yet: after a broker failure,
	 * what may or may not be in the queue.
	 * @return the count
	 */
	int unsettled() {
		return this.published - this.confirmed - this.failed.size();
	}

	int retries() {
		return this.retries;
	}

	List<FailedRow> failed() {
		return List.copyOf(this.failed);
	}

	private record InFlight(FileRequest request, int attempt, CompletableFuture<Delivery> answer) {

	}

	/**
	 * A request the broker did not take after every attempt.
	 *
	 * @param line the line it starts on
	 * @param requestId its request id
	 * @param reason the last attempt's failure
	 * @param attempts how many times it was published
	 */
	record FailedRow(int line, String requestId, String reason, int attempts) {

		@Override
		public String toString() {
			return "line " + this.line + " (" + this.requestId + "): " + this.reason + ", after " + this.attempts
					+ ((this.attempts == 1) ? " attempt" : " attempts");
		}

	}

}
