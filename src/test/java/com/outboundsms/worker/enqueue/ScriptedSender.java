package com.outboundsms.worker.enqueue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.pacing.Ticker;

/**
 * A broker stand-in: answers each publish of a request with the next answer scripted for
 * it (confirmed when none is left), only when the publisher asks for the answer, and
 * remembers when each publish happened and how many awaited an answer at once.
 */
class ScriptedSender implements Sender {

	/** Scripts a publish the broker never answers. */
	static final String NEVER = "never answered";

	private final Ticker ticker;

	private final Map<String, Deque<Delivery>> scripts = new HashMap<>();

	private final List<Long> sentAt = new ArrayList<>();

	private final List<String> sentIds = new ArrayList<>();

	private int awaiting;

	private int mostAwaiting;

	ScriptedSender(Ticker ticker) {
		this.ticker = ticker;
	}

	ScriptedSender answer(String requestId, Delivery... answers) {
		this.scripts.computeIfAbsent(requestId, (id) -> new ArrayDeque<>()).addAll(List.of(answers));
		return this;
	}

	@Override
	public CompletableFuture<Delivery> send(FileRequest request) {
		this.sentAt.add(this.ticker.nanoTime());
		this.sentIds.add(request.requestId());
		this.awaiting++;
		this.mostAwaiting = Math.max(this.mostAwaiting, this.awaiting);
		Delivery answer = this.scripts.getOrDefault(request.requestId(), new ArrayDeque<>()).poll();
		return new AnswerWhenAsked((answer != null) ? answer : Delivery.confirmedIntoAQueue());
	}

	List<Long> sentAt() {
		return this.sentAt;
	}

	List<String> sentIds() {
		return this.sentIds;
	}

	int mostAwaiting() {
		return this.mostAwaiting;
	}

	/**
	 * An answer that arrives when it is waited for; one scripted {@link #NEVER} never
	 * does.
	 */
	private final class AnswerWhenAsked extends CompletableFuture<Delivery> {

		private final Delivery answer;

		AnswerWhenAsked(Delivery answer) {
			this.answer = answer;
		}

		@Override
		public Delivery get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			if (this.answer.failure() != null && this.answer.failure().equals(NEVER)) {
				ScriptedSender.this.awaiting--;
				throw new TimeoutException();
			}
			if (!isDone()) {
				ScriptedSender.this.awaiting--;
				complete(this.answer);
			}
			return super.get(timeout, unit);
		}

	}

}
