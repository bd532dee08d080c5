package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The CPU time a worker's threads spent between two moments, by kind (the listeners that
 * work on requests, the JIT compiler, the garbage collector, the rest), read from
 * {@code /proc/<pid>/task}: it tells a worker still compiling its code from one that has
 * settled, which a figure taken soon after the start would otherwise confuse.
 */
final class WorkerThreads {

	private static final double TICKS_PER_SECOND = 100;

	private final long pid;

	private final Map<String, Long> start;

	private WorkerThreads(long pid) {
		this.pid = pid;
		this.start = byThread();
	}

	static WorkerThreads start(long pid) {
		return new WorkerThreads(pid);
	}

	/**
	 * What each kind of thread spent per request since the start.
	 * @param requests the requests the run settled
	 * @return e.g. {@code listeners 2.1, JIT compiler 2.4, GC 0.1, other 0.6 ms per
	 * request}
	 */
	String perRequest(int requests) {
		Map<String, Long> now = byThread();
		Map<String, Long> spent = new LinkedHashMap<>();
		for (String kind : new String[] { "listeners", "JIT compiler", "GC", "other" }) {
			spent.put(kind, 0L);
		}
		// a thread that ended meanwhile is left out; one that began counts from zero
		now.forEach(
				(thread, ticks) -> spent.merge(kindOf(thread), ticks - this.start.getOrDefault(thread, 0L), Long::sum));
		StringJoiner text = new StringJoiner(", ", "", " ms per request");
		spent.forEach((kind, ticks) -> text
			.add(String.format(Locale.ROOT, "%s %.1f", kind, ticks / TICKS_PER_SECOND * 1000 / requests)));
		return text.toString();
	}

	/** Threads are told apart by id; the name (at most 15 characters) says the kind. */
	private static String kindOf(String thread) {
		String name = thread.substring(thread.indexOf(' ') + 1);
		if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
			return "JIT compiler";
		}
		if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
			return "GC";
		}
		if (name.startsWith("outbound-sms-re")) {
			return "listeners";
		}
		return "other";
	}

	private Map<String, Long> byThread() {
		Map<String, Long> ticks = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(this.pid), "task"))) {
			tasks.forEach((task) -> read(task, ticks));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ticks;
	}

	private static void read(Path task, Map<String, Long> ticks) {
		String stat;
		try {
			stat = Files.readString(task.resolve("stat"));
		}
		catch (IOException ex) {
			// the thread ended between the listing and the read
			return;
		}
		ticks.put(task.getFileName() + " " + CpuTime.name(stat), CpuTime.ticks(stat));
	}

}
