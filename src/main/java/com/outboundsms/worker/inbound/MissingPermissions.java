package com.outboundsms.worker.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a permission the API key lacks from a credential outage: counts, per Twilio call,
 * the pauses that ended with Twilio accepting the credentials while it still answered
 * that call 403. Thread-safe.
 */
final class MissingPermissions {

	private final int pausesToConfirm;

	private final Map<String, Integer> confirmations = new HashMap<>();

	/**
	 * @param pausesToConfirm how many such pauses make a call's 403 a missing permission
	 */
	MissingPermissions(int pausesToConfirm) {
		this.pausesToConfirm = pausesToConfirm;
	}

	/**
	 * A pause for a 403 ended with the credentials accepted: each call still refused
	 * counts one more, and calls no longer refused start again from nothing.
	 * @param refused the calls Twilio last answered 403
	 */
	synchronized void confirm(List<String> refused) {
		this.confirmations.keySet().retainAll(refused);
		refused.forEach((call) -> this.confirmations.merge(call, 1, Integer::sum));
	}

	/**
	 * A probe found the credentials themselves refused: what looked like missing
	 * permissions was an outage, so every count starts again.
	 */
	synchronized void forget() {
		this.confirmations.clear();
	}

	/**
	 * Whether a 403 now means a missing permission: every call Twilio refuses has been
	 * confirmed often enough, so the call this 403 answered, whichever it was, is one.
	 * @param refused the calls Twilio last answered 403
	 * @return {@code false} when nothing is refused or some refused call is not confirmed
	 */
	synchronized boolean confirmed(List<String> refused) {
		return !refused.isEmpty() && confirmedAmong(refused).size() == refused.size();
	}

	/**
	 * The refused calls confirmed to lack a permission.
	 * @param refused the calls Twilio last answered 403
	 * @return those confirmed often enough, in the given order
	 */
	synchronized List<String> confirmedAmong(List<String> refused) {
		this.confirmations.keySet().retainAll(refused);
		return refused.stream()
			.filter((call) -> this.confirmations.getOrDefault(call, 0) >= this.pausesToConfirm)
			.toList();
	}

}
