package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a worker's CPU went, from its Java Flight Recorder file: the share of execution
 * samples by the library that was running (the top frame's package, grouped), and the
 * hottest methods, so that the benchmark can say what stands in the way of a goal.
 */
final class WorkerProfile {

	/** Package prefixes reported as one library each, most specific first. */
	private static final List<String> LIBRARIES = List.of("com.outboundsms.", "com.twilio.", "com.fasterxml.jackson.",
			"tools.jackson.", "org.apache.hc.", "org.postgresql.", "com.zaxxer.hikari.", "org.springframework.amqp.",
			"com.rabbitmq.", "org.springframework.jdbc.", "org.springframework.", "io.micrometer.", "ch.qos.logback.",
			"org.apache.catalina.", "org.apache.tomcat.", "java.util.regex.", "java.net.", "sun.nio.", "java.io.",
			"java.util.", "java.lang.", "jdk.", "sun.");

	private WorkerProfile() {
	}

	/**
	 * The command-line option that records a profile.
	 * @param file where the recording goes when the worker exits
	 * @return the JVM option
	 */
	static String recordingOption(Path file) {
		return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file;
	}

	/**
	 * Summarizes a recording.
	 * @param file the recording
	 * @param top how many methods to list
	 * @return a Markdown section
	 * @throws IOException if the file cannot be read
	 */
	static String summary(Path file, int top) throws IOException {
		Map<String, Integer> libraries = new HashMap<>();
		Map<String, Integer> methods = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			RecordedFrame frame = stack.getFrames().get(0);
			String type = frame.getMethod().getType().getName();
			samples++;
			libraries.merge(library(type, stack), 1, Integer::sum);
			methods.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
		}
		StringBuilder text = new StringBuilder("\n#### CPU samples of " + file.getFileName() + " (" + samples
				+ " execution samples)\n\n| where (top frame, or the first caller of ours for JDK frames) | share |\n| --- | --- |\n");
		append(text, libraries, samples, 12);
		text.append("\n| hottest method | share |\n| --- | --- |\n");
		append(text, methods, samples, top);
		return text.toString();
	}

	/**
	 * A JDK frame is charged to the first non-JDK caller's library, where there is one.
	 */
	private static String library(String type, RecordedStackTrace stack) {
		String own = group(type);
		if (!own.startsWith("java.") && !own.startsWith("jdk.") && !own.startsWith("sun.")) {
			return own;
		}
		for (RecordedFrame caller : stack.getFrames()) {
			String group = group(caller.getMethod().getType().getName());
			if (!group.startsWith("java.") && !group.startsWith("jdk.") && !group.startsWith("sun.")) {
				return group + " (in the JDK)";
			}
		}
		return own;
	}

	private static String group(String type) {
		return LIBRARIES.stream().filter(type::startsWith).findFirst().orElse(type);
	}

	private static void append(StringBuilder text, Map<String, Integer> counts, int samples, int top) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> text.append(String.format("| `%s` | %.1f %% |%n", entry.getKey(),
					100.0 * entry.getValue() / Math.max(1, samples))));
	}

}
