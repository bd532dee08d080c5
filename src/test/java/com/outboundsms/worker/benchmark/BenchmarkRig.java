package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.faults.BrokerControl;
import com.outboundsms.worker.faults.EmulatorProcess;
import com.outboundsms.worker.faults.JavaProcess;
import com.outboundsms.worker.faults.ProcessRun;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * What one benchmark run stands on: the run's virtual host, schema and emulator, a broker
 * connection for publishing and listening, and the worker processes; all removed when the
 * run closes.
 */
final class BenchmarkRig implements AutoCloseable {

	/** The worker's JVM: a small heap, as a container would give it. */
	static final List<String> WORKER_JVM = List.of("-Xmx160m", "-Xss512k", "-XX:+UseSerialGC");

	private final ProcessRun run;

	private final Path jar;

	private final Path logs;

	private final Connection connection;

	private final List<JavaProcess> workers = new ArrayList<>();

	BenchmarkRig(Path jar, Path logs, List<String> twilioNumbers)
			throws IOException, TimeoutException, GeneralSecurityException, URISyntaxException {
		this.jar = jar;
		this.logs = logs;
		this.run = new ProcessRun("osw-bench", twilioNumbers, logs.resolve("emulator.log"), 256, "2g");
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(amqpUri());
		this.connection = factory.newConnection("benchmark");
	}

	/**
	 * Starts a worker and waits until it consumes.
	 * @param name its log's name
	 * @param extra settings over the rig's
	 * @return the running worker
	 */
	JavaProcess startWorker(String name, List<String> extra) {
		List<String> settings = new ArrayList<>();
		if (extra.stream().noneMatch((argument) -> argument.startsWith("--outbound-sms.backend="))) {
			// the throughput figures were taken on flex-legacy; a figure says when not
			settings.add("--outbound-sms.backend=flex-legacy");
		}
		settings.addAll(extra);
		return startWorker(name,
				new Launch(Path.of(System.getProperty("java.home")), WORKER_JVM, this.jar, false, settings));
	}

	/**
	 * Starts a worker as launched and waits until it consumes (its start-up line, looked
	 * for every 10 ms).
	 * @param name its log's name
	 * @param launch its runtime, JVM options, store and settings
	 * @return the running worker
	 */
	JavaProcess startWorker(String name, Launch launch) {
		List<String> command = new ArrayList<>(List.of("-jar", launch.jar().toString()));
		List<String> connections = this.run.workerArguments(this.run.postgres().getHost(),
				this.run.postgres().getPort());
		if (launch.embeddedStore()) {
			// the default store, an embedded database file, in a folder of the run's own,
			// emptied first: an earlier run's outcomes would answer this run's request
			// ids
			// from the store, without a Twilio call
			Path folder = this.logs.resolve("embedded-" + name);
			try {
				FileSystemUtils.deleteRecursively(folder);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			connections.stream()
				.filter((argument) -> !argument.startsWith("--spring.datasource."))
				.forEach(command::add);
			command.add("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("outbound-sms").toAbsolutePath()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		}
		else {
			command.addAll(connections);
		}
		command.addAll(launch.settings());
		List<String> jvm = new ArrayList<>(launch.jvm());
		if (Boolean.getBoolean("benchmark.profile")) {
			jvm.add(WorkerProfile.recordingOption(this.logs.resolve(name + ".jfr")));
		}
		JavaProcess worker = JavaProcess.start(launch.javaHome(), jvm, command, this.logs.resolve(name + ".log"));
		this.workers.add(worker);
		await("the worker to start").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
			if (!worker.isAlive()) {
				throw new IllegalStateException("the worker exited: " + worker.output());
			}
			return worker.output().contains("Started WorkerApplication");
		});
		return worker;
	}

	/**
	 * Counts rows of the run's store.
	 * @param table the table
	 * @param condition the rows to count, as SQL
	 * @return how many there are
	 */
	long count(String table, String condition) {
		return this.run.count(table, condition);
	}

	String amqpUri() {
		TestServices services = this.run.services();
		return "amqp://" + services.rabbitUser() + ":" + services.rabbitPassword() + "@" + services.rabbitHost() + ":"
				+ services.rabbitPort() + "/" + URLEncoder.encode(this.run.broker().vhost(), StandardCharsets.UTF_8);
	}

	BrokerControl broker() {
		return this.run.broker();
	}

	EmulatorProcess emulator() {
		return this.run.emulator();
	}

	Connection connection() {
		return this.connection;
	}

	/**
	 * How a worker is started.
	 *
	 * @param javaHome the runtime
	 * @param jvm JVM options
	 * @param jar the worker's jar
	 * @param embeddedStore whether the store is the default embedded database file rather
	 * than the run's PostgreSQL schema
	 * @param settings the worker's settings over its connections
	 */
	record Launch(Path javaHome, List<String> jvm, Path jar, boolean embeddedStore, List<String> settings) {

	}

	@Override
	public void close() throws IOException {
		this.workers.forEach((worker) -> worker.stop(40));
		this.connection.close();
		this.run.close();
	}

}
