package com.outboundsms.worker.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole emulated Twilio account: the stores of each product behind one lock.
 *
 * <p>
 * One lock rather than one per service because Flex's integration makes single requests
 * touch several products (a channel create writes Flex, Chat and TaskRouter state; a
 * message post reads Chat and writes Proxy; an interaction create checks and writes
 * Conversations and TaskRouter state as one step); each request holds it for
 * microseconds, and latency faults are applied outside it.
 *
 * <p>
 * Time is the settings' clock moved forward by what the control API asked for, so that
 * tests can let conversation timers and token lifetimes run out without waiting.
 */
final class EmulatorState {

	private final ReentrantLock lock = new ReentrantLock();

	private final Clock clock;

	private final String accountSid;

	private final String defaultChatServiceSid = Sids.next("IS");

	private final String defaultProxyServiceSid = EmulatorSettings.DEFAULT_PROXY_SERVICE_SID;

	/** Read outside the lock (request log timestamps), changed under it. */
	private volatile Duration advanced = Duration.ZERO;

	final FlexStore flex = new FlexStore();

	final ChatStore chat = new ChatStore();

	final ProxyStore proxy = new ProxyStore();

	final ConversationStore conversations = new ConversationStore();

	final FlexTokenStore tokens = new FlexTokenStore();

	final OptOuts optOuts = new OptOuts();

	final FlexInstance flexInstance;

	EmulatorState(Clock clock, String accountSid) {
		this.clock = clock;
		this.accountSid = accountSid;
		this.flexInstance = FlexInstance.provisioned(now());
		this.proxy.addService(this.defaultProxyServiceSid, "Flex Proxy Service");
	}

	<T> T atomically(Supplier<T> work) {
		this.lock.lock();
		try {
			return work.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	Instant now() {
		return TwilioTime.seconds(instant());
	}

	/**
	 * The clock's reading as it is, for waits shorter than the second Twilio's timestamps
	 * keep.
	 */
	Instant instant() {
		return this.clock.instant().plus(this.advanced);
	}

	/**
	 * Moves the emulator's time forward; callers hold the lock and then apply what came
	 * due.
	 * @throws IllegalArgumentException when {@code by} is negative: time never goes back
	 */
	void advance(Duration by) {
		if (by.isNegative()) {
			throw new IllegalArgumentException("The emulator's clock only moves forward, not by " + by);
		}
		this.advanced = this.advanced.plus(by);
	}

	/**
	 * How far the emulator's time is ahead of its settings' clock.
	 */
	Duration advanced() {
		return this.advanced;
	}

	String accountSid() {
		return this.accountSid;
	}

	String defaultChatServiceSid() {
		return this.defaultChatServiceSid;
	}

	String defaultProxyServiceSid() {
		return this.defaultProxyServiceSid;
	}

}
