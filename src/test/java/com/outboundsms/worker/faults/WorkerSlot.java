package com.outboundsms.worker.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import com.outboundsms.worker.crashpoint.CrashPointWorker;

/**
 * One worker as a process supervisor keeps it: started with its crash points armable,
 * started again whenever it dies (killed by the suite or halted at a crash point), until
 * the slot is closed.
 */
final class WorkerSlot implements AutoCloseable {

	/** The exit status of a process ended by SIGKILL. */
	private static final int KILLED = 137;

	private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private final String name;

	private final List<String> arguments;

	private final Path logs;

	private final CrashPlan crashes;

	private final RandomGenerator random;

	private final AtomicInteger starts = new AtomicInteger();

	private final AtomicInteger kills = new AtomicInteger();

	private final AtomicInteger crashPointHalts = new AtomicInteger();

	private final AtomicInteger exitsOnItsOwn = new AtomicInteger();

	private final List<JavaProcess> incarnations = new ArrayList<>();

	private final Thread supervisor;

	private volatile JavaProcess current;

	private volatile boolean closing;

	WorkerSlot(String name, List<String> arguments, Path logs, CrashPlan crashes, RandomGenerator random) {
		this.name = name;
		this.arguments = List.copyOf(arguments);
		this.logs = logs;
		this.crashes = crashes;
		this.random = random;
		this.current = launch();
		this.supervisor = new Thread(this::supervise, "supervisor-" + name);
		this.supervisor.setDaemon(true);
		this.supervisor.start();
	}

	private void supervise() {
		while (!this.closing) {
			JavaProcess running = this.current;
			int status = running.awaitExit();
			if (running.output().contains("CRASH-POINT " + this.crashes.point())) {
				this.crashPointHalts.incrementAndGet();
			}
			else if (status != KILLED && !this.closing) {
				// it stopped by itself: it could not start (the store cut off, say)
				this.exitsOnItsOwn.incrementAndGet();
			}
			if (this.closing) {
				return;
			}
			// a supervisor's short pause before starting again, as systemd's RestartSec
			LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
			this.current = launch();
		}
	}

	private synchronized JavaProcess launch() {
		int incarnation = this.starts.incrementAndGet();
		List<String> command = new ArrayList<>(
				List.of("-cp", JavaProcess.testClasspath(), CrashPointWorker.class.getName()));
		command.addAll(this.arguments);
		if (this.crashes.armed() && incarnation <= this.crashes.times()) {
			command.add("--outbound-sms.crash-point.at=" + this.crashes.point());
			command.add("--outbound-sms.crash-point.skip=" + this.random.nextInt(this.crashes.maxSkip() + 1));
		}
		JavaProcess process = JavaProcess.start(JVM, command,
				this.logs.resolve(this.name + "-" + incarnation + ".log"));
		this.incarnations.add(process);
		return process;
	}

	/** SIGKILL to the running worker; the supervisor starts another. */
	void kill() {
		this.kills.incrementAndGet();
		this.current.kill();
	}

	boolean isReady() {
		return this.current.isAlive() && this.current.output().contains("Started WorkerApplication");
	}

	int starts() {
		return this.starts.get();
	}

	int kills() {
		return this.kills.get();
	}

	/** Incarnations that ended neither killed nor halted at the crash point. */
	int exitsOnItsOwn() {
		return this.exitsOnItsOwn.get();
	}

	int crashPointHalts() {
		return this.crashPointHalts.get();
	}

	/** Every incarnation's output, oldest first. */
	synchronized List<String> outputs() {
		return this.incarnations.stream().map(JavaProcess::output).toList();
	}

	@Override
	public void close() {
		this.closing = true;
		this.current.stop(40);
		try {
			this.supervisor.join(45_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Where the worker halts on its own, and how often.
	 *
	 * @param point the crash point's name, empty for none
	 * @param times how many incarnations are armed (then it runs unarmed, so the run
	 * finishes)
	 * @param maxSkip each armed incarnation passes the point a random 0 to
	 * {@code maxSkip} times before halting
	 */
	record CrashPlan(String point, int times, int maxSkip) {

		static CrashPlan none() {
			return new CrashPlan("", 0, 0);
		}

		boolean armed() {
			return !this.point.isEmpty() && this.times > 0;
		}

	}

}
