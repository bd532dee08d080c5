package com.outboundsms.worker.crashpoint;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Halts the process the moment the configured point is reached for the time it was told
 * to: no shutdown hooks, no acknowledgements, no connection closed politely.
 */
final class CrashPoint {

	/** The exit status of a process killed by SIGKILL, which a halt here stands for. */
	static final int HALT_STATUS = 137;

	private final CrashPointProperties properties;

	private final Halt halt;

	private final PrintStream log;

	private final AtomicInteger passes = new AtomicInteger();

	CrashPoint(CrashPointProperties properties, Halt halt, PrintStream log) {
		this.properties = properties;
		this.halt = halt;
		this.log = log;
	}

	/**
	 * Notes that a point is reached; halts if it is the configured one and its passes are
	 * used up.
	 * @param name the point's name
	 */
	void reached(String name) {
		if (!name.equals(this.properties.at())) {
			return;
		}
		if (this.passes.getAndIncrement() >= this.properties.skip()) {
			// a plain line the suite looks for, written before the halt takes everything
			this.log.println("CRASH-POINT " + name);
			this.log.flush();
			this.halt.halt(HALT_STATUS);
		}
	}

	/** How the process stops. */
	@FunctionalInterface
	interface Halt {

		void halt(int status);

	}

}
