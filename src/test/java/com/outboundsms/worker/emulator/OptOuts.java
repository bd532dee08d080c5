package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The customers who texted STOP, to one Twilio number or to every sender, and the error
 * Twilio answers a message to them with. Not thread-safe: callers hold the state lock.
 */
final class OptOuts {

	static final int UNSUBSCRIBED = 21610;

	private final Set<MessagingBinding> fromOneSender = new LinkedHashSet<>();

	private final Set<String> fromEverySender = new LinkedHashSet<>();

	/**
	 * Opts a customer out of one sender's messages, or every sender's when {@code from}
	 * is {@code null}.
	 */
	void add(@Nullable String from, String to) {
		if (from == null) {
			this.fromEverySender.add(to);
		}
		else {
			this.fromOneSender.add(new MessagingBinding(to, from));
		}
	}

	boolean blocks(String from, String to) {
		return this.fromEverySender.contains(to) || this.fromOneSender.contains(new MessagingBinding(to, from));
	}

	List<OptOut> all() {
		List<OptOut> all = new ArrayList<>();
		this.fromEverySender.forEach((to) -> all.add(new OptOut(null, to)));
		this.fromOneSender.forEach((binding) -> all.add(new OptOut(binding.proxyAddress(), binding.address())));
		return all;
	}

	void clear() {
		this.fromOneSender.clear();
		this.fromEverySender.clear();
	}

	static TwilioApiException unsubscribed(String to) {
		return new TwilioApiException(400, UNSUBSCRIBED, "Attempt to send to unsubscribed recipient " + to);
	}

	/**
	 * One opt-out.
	 *
	 * @param from the sender it applies to, {@code null} for every sender
	 * @param to the customer
	 */
	record OptOut(@Nullable String from, String to) {

	}

}
