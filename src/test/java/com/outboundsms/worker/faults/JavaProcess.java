package com.outboundsms.worker.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process of the suite's (a worker or the emulator) with its output in a file,
 * killed with SIGKILL when the suite says so.
 */
public final class JavaProcess {

	private final Process process;

	private final Path log;

	private JavaProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java} with the running JVM's binary.
	 * @param jvmOptions options before the main class or jar
	 * @param arguments the main class or {@code -jar} and the program's arguments
	 * @param log where the process's output goes
	 * @return the running process
	 */
	public static JavaProcess start(List<String> jvmOptions, List<String> arguments, Path log) {
		return start(Path.of(System.getProperty("java.home")), jvmOptions, arguments, log);
	}

	/**
	 * Starts {@code java} of another runtime.
	 * @param javaHome the runtime's home
	 * @param jvmOptions options before the main class or jar
	 * @param arguments the main class or {@code -jar} and the program's arguments
	 * @param log where the process's output goes
	 * @return the running process
	 */
	public static JavaProcess start(Path javaHome, List<String> jvmOptions, List<String> arguments, Path log) {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmOptions);
		command.addAll(arguments);
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new JavaProcess(process, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + command, ex);
		}
	}

	/**
	 * The classpath the suite itself runs with: the worker's classes, the test classes
	 * (the emulator, the crash points) and every dependency. The build passes it in full
	 * ({@code useManifestOnlyJar=false} in the fault-suite and benchmark profiles).
	 * @return the classpath
	 */
	public static String testClasspath() {
		String classpath = System.getProperty("java.class.path");
		if (!classpath.contains(File.pathSeparator)) {
			throw new IllegalStateException("The classpath is one jar (" + classpath
					+ "): run the suite through its Maven profile, which passes the test classpath in full");
		}
		return classpath;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	/** SIGKILL: no shutdown hook runs, nothing is acknowledged or closed politely. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
	public void stop(long graceSeconds) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	public int awaitExit() {
		try {
			return this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
			return -1;
		}
	}

	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
