package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The CPU time the processes of a run spent between two moments, read from Linux's
 * {@code /proc} (user plus system ticks of each process, and the machine's busy and idle
 * ticks), so that a figure can say which process its requests cost and whether the
 * machine had any CPU left.
 */
final class CpuTime {

	/** Linux's USER_HZ, which {@code /proc} counts in on every common platform. */
	private static final double TICKS_PER_SECOND = 100;

	private final Map<String, ProcessFilter> processes;

	private final Map<String, Long> startTicks;

	private final long[] startMachine;

	private CpuTime(Map<String, ProcessFilter> processes) {
		this.processes = processes;
		this.startTicks = ticks();
		this.startMachine = machine();
	}

	/**
	 * Starts counting for the worker and the emulator (by pid), the broker
	 * ({@code beam.smp}), the database ({@code postgres} processes) and this driver.
	 */
	static CpuTime start(long worker, long emulator) {
		Map<String, ProcessFilter> processes = new LinkedHashMap<>();
		processes.put("worker", (pid, name) -> pid == worker);
		processes.put("broker", (pid, name) -> name.equals("beam.smp"));
		processes.put("database", (pid, name) -> name.equals("postgres"));
		processes.put("emulator", (pid, name) -> pid == emulator);
		long self = ProcessHandle.current().pid();
		processes.put("driver", (pid, name) -> pid == self);
		return new CpuTime(processes);
	}

	/**
	 * What each process spent per request since the start, and how busy the machine was.
	 * @param requests the requests the run settled
	 * @return e.g.
	 * {@code worker 3.9, broker 1.2, … ms CPU per request; machine 97 % busy}
	 */
	String perRequest(int requests) {
		Map<String, Long> now = ticks();
		long[] machine = machine();
		StringJoiner spent = new StringJoiner(", ");
		this.processes.keySet().forEach((name) -> {
			double seconds = (now.get(name) - this.startTicks.get(name)) / TICKS_PER_SECOND;
			spent.add(String.format(Locale.ROOT, "%s %.1f", name, seconds * 1000 / requests));
		});
		long busy = machine[0] - this.startMachine[0];
		long all = busy + machine[1] - this.startMachine[1];
		return String.format(Locale.ROOT, "%s ms CPU per request; machine %.0f %% busy (%.0f %% in the kernel)", spent,
				100.0 * busy / Math.max(1, all), 100.0 * (machine[2] - this.startMachine[2]) / Math.max(1, all));
	}

	/**
	 * What the processes under these labels spent per request since the start.
	 * @param requests the requests the run settled
	 * @param labels e.g. {@code "worker"}
	 * @return milliseconds of CPU per request
	 */
	double msPerRequest(int requests, String... labels) {
		Map<String, Long> now = ticks();
		long spent = 0;
		for (String label : labels) {
			spent += now.get(label) - this.startTicks.get(label);
		}
		return spent / TICKS_PER_SECOND * 1000 / requests;
	}

	private Map<String, Long> ticks() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.processes.keySet().forEach((name) -> ticks.put(name, 0L));
		try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
			entries.filter((entry) -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
				.forEach((entry) -> count(entry, ticks));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ticks;
	}

	private void count(Path entry, Map<String, Long> ticks) {
		String stat;
		try {
			stat = Files.readString(entry.resolve("stat"));
		}
		catch (IOException ex) {
			// the process ended between the listing and the read
			return;
		}
		long pid = Long.parseLong(entry.getFileName().toString());
		String name = name(stat);
		long spent = ticks(stat);
		this.processes.forEach((label, filter) -> {
			if (filter.matches(pid, name)) {
				ticks.merge(label, spent, Long::sum);
			}
		});
	}

	/**
	 * The name in a {@code stat} line of a process or thread.
	 * @param stat the line
	 * @return the name, as the kernel keeps it (at most 15 characters)
	 */
	static String name(String stat) {
		return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
	}

	/**
	 * The user and system ticks in a {@code stat} line of a process or thread.
	 * @param stat the line
	 * @return the ticks spent
	 */
	static long ticks(String stat) {
		// the fields after the name: state is the first, utime the 12th, stime the 13th
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** Busy, idle and kernel ticks of the whole machine. */
	private static long[] machine() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
			String[] cpu = lines.get(0).trim().split("\\s+");
			long user = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]);
			long system = Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			return new long[] { user + system, idle, system };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Which processes a label counts. */
	private interface ProcessFilter {

		boolean matches(long pid, String name);

	}

}
