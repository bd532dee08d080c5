package com.outboundsms.worker.processing;

/**
 * Publishes result events and returns only once the broker has confirmed them.
 */
public interface ResultPublisher {

	/**
	 * Publishes the event durably.
	 * @param event the event
	 * @throws TransientFailure if the broker did not confirm it in time
	 */
	void publish(ResultEvent event);

}
