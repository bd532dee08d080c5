package com.outboundsms.worker.enqueue;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Publishes one request and tells, later, what the broker made of it.
 */
interface Sender {

	/**
	 * Publishes the request.
	 * @param request the request
	 * @return completed with the broker's answer: confirmed, or why not
	 */
	CompletableFuture<Delivery> send(FileRequest request);

	/**
	 * The broker's answer to one publish.
	 *
	 * @param confirmed whether the broker confirmed the message into a queue
	 * @param failure why not, when not
	 */
	record Delivery(boolean confirmed, @Nullable String failure) {

		static Delivery confirmedIntoAQueue() {
			return new Delivery(true, null);
		}

		static Delivery failed(String failure) {
			return new Delivery(false, failure);
		}

	}

}
