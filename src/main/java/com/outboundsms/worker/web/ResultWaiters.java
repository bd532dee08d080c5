package com.outboundsms.worker.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callers waiting for a result event, by request id. A waiter registers before its
 * request is published, so an event that comes back at once still finds it; whoever stops
 * waiting (answered, timed out, gone) removes it.
 */
class ResultWaiters {

	private final Map<String, Set<CompletableFuture<Map<String, Object>>>> waiting = new ConcurrentHashMap<>();

	CompletableFuture<Map<String, Object>> register(String requestId) {
		CompletableFuture<Map<String, Object>> waiter = new CompletableFuture<>();
		this.waiting.computeIfAbsent(requestId, (id) -> ConcurrentHashMap.newKeySet()).add(waiter);
		return waiter;
	}

	void remove(String requestId, CompletableFuture<Map<String, Object>> waiter) {
		this.waiting.computeIfPresent(requestId, (id, waiters) -> {
			waiters.remove(waiter);
			return waiters.isEmpty() ? null : waiters;
		});
	}

	/**
	 * Hands a result event to everyone waiting for its request.
	 * @param requestId the event's correlation id
	 * @param event the event as JSON values
	 */
	void complete(String requestId, Map<String, Object> event) {
		Set<CompletableFuture<Map<String, Object>>> waiters = this.waiting.remove(requestId);
		if (waiters != null) {
			waiters.forEach((waiter) -> waiter.complete(event));
		}
	}

	/** Whether anyone waits for the request's result. */
	boolean isAwaited(String requestId) {
		return this.waiting.containsKey(requestId);
	}

	int waiting() {
		return this.waiting.values().stream().mapToInt(Set::size).sum();
	}

}
