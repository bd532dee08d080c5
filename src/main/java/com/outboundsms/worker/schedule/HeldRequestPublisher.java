package com.outboundsms.worker.schedule;

import java.util.List;

/**
 * Publishes held requests whose time has come to their lanes again, returning only once
 * the broker took every one of them.
 */
@FunctionalInterface
interface HeldRequestPublisher {

	/**
	 * Publishes the requests.
	 * @param requests the requests, each to its lane
	 * @throws RuntimeException if the broker did not take one of them
	 */
	void publish(List<HeldRequest> requests);

}
