package com.outboundsms.worker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid phone numbers no other test of the run uses, so tests sharing a worker never
 * share a pair.
 */
public final class TestNumbers {

	private static final AtomicInteger next = new AtomicInteger(1000 + (int) (Math.random() * 4000));

	private TestNumbers() {
	}

	/**
	 * A Twilio number for a test's Flex Flow.
	 * @return an E.164 number in a range libphonenumber holds valid
	 */
	public static String twilioNumber() {
		return "+1646555" + String.format("%04d", next.incrementAndGet() % 10000);
	}

	/**
	 * A customer's number.
	 * @return an E.164 number in a range libphonenumber holds valid
	 */
	public static String customerNumber() {
		return "+1415555" + String.format("%04d", next.incrementAndGet() % 10000);
	}

}
