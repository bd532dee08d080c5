package com.outboundsms.worker.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.faults.JavaProcess;

/**
 * RabbitMQ's own PerfTest on the same broker, as the yardstick: one producer and one
 * consumer, persistent messages with publisher confirms, a quorum queue as the worker's,
 * messages the size of a request. Runs as a process of its own on the test classpath.
 */
final class PerfTestRun {

	private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: (\\d+) msg/s");

	private static final Pattern SENDING = Pattern.compile("sending rate avg: (\\d+) msg/s");

	private PerfTestRun() {
	}

	/**
	 * Runs PerfTest and reads its summary.
	 * @return its average rates
	 */
	static Rates run(String amqpUri, int messageSize, int seconds, int confirms, Path log) {
		JavaProcess process = JavaProcess.start(List.of("-Xmx256m"),
				List.of("-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest", "--uri", amqpUri,
						"--producers", "1", "--consumers", "1", "--flag", "persistent", "--confirm",
						String.valueOf(confirms), "--size", String.valueOf(messageSize), "--time",
						String.valueOf(seconds), "--queue", "perf-test", "--quorum-queue", "--id", "perf-test"),
				log);
		process.awaitExit();
		String output = process.output();
		Matcher receiving = RECEIVING.matcher(output);
		Matcher sending = SENDING.matcher(output);
		if (!receiving.find() || !sending.find()) {
			throw new IllegalStateException("PerfTest printed no summary: " + output);
		}
		return new Rates(Long.parseLong(sending.group(1)), Long.parseLong(receiving.group(1)));
	}

	/**
	 * PerfTest's averages.
	 *
	 * @param sending messages published and confirmed per second
	 * @param receiving messages consumed per second
	 */
	record Rates(long sending, long receiving) {
	}

}
