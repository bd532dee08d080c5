package com.outboundsms.worker.twilio;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which Twilio calls were last answered 403, so that a probe that finds the
 * credentials accepted can name the calls the API key may not make. Thread-safe.
 */
final class TwilioRefusals {

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	/**
	 * Notes Twilio's answer to a call.
	 * @param call the method and endpoint, such as {@code POST
	 * proxy/v1/Services/{sid}/Sessions}
	 * @param status the HTTP status Twilio answered
	 */
	void answered(String call, int status) {
		if (status == 403) {
			this.forbidden.add(call);
		}
		else if (passedAuthorization(status)) {
			this.forbidden.remove(call);
		}
	}

	/**
	 * The calls whose last answer was 403, in order.
	 * @return the calls, each as method and endpoint
	 */
	List<String> forbidden() {
		return this.forbidden.stream().sorted().toList();
	}

	/**
	 * Whether an answer shows the call was allowed: a success or a refusal of the request
	 * itself; 401, 429 and 5xx say nothing about permissions.
	 */
	private static boolean passedAuthorization(int status) {
		return status < 500 && status != 401 && status != 429;
	}

}
