package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident memory ({@code VmRSS} in {@code /proc/<pid>/status}) every
 * quarter second while it runs, keeping the largest.
 */
final class ResidentMemory implements AutoCloseable {

	private final Path status;

	private final AtomicLong maxKb = new AtomicLong();

	private final Thread sampler;

	private volatile boolean running = true;

	ResidentMemory(long pid) {
		this.status = Path.of("/proc", String.valueOf(pid), "status");
		this.sampler = new Thread(this::sample, "rss-" + pid);
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		while (this.running) {
			try {
				Files.readAllLines(this.status)
					.stream()
					.filter((line) -> line.startsWith("VmRSS:"))
					.findFirst()
					.ifPresent((line) -> this.maxKb.accumulateAndGet(Long.parseLong(line.replaceAll("[^0-9]", "")),
							Math::max));
			}
			catch (IOException ex) {
				return;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
		}
	}

	/** The largest resident memory seen, MB. */
	long maxMb() {
		return this.maxKb.get() / 1024;
	}

	@Override
	public void close() {
		this.running = false;
	}

}
