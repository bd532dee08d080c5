package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.faults.BrokerControl;
import com.outboundsms.worker.faults.EmulatorProcess;
import com.outboundsms.worker.faults.JavaProcess;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.awaitility.Awaitility.await;

/**
 * What one benchmark run stands on: a virtual host and a PostgreSQL schema of its own,
 * the emulator in its own process, a broker connection for publishing and listening, and
 * the worker process; all removed when the run closes.
 */
final class BenchmarkRig implements AutoCloseable {

	/** The worker's JVM: a small heap, as a container would give it. */
	static final List<String> WORKER_JVM = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC");

	private final TestServices services = TestServices.get();

	private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final BrokerControl broker;

	private final String schema = "osw_bench_" + this.id;

	private final Path jar;

	private final Path logs;

	private final EmulatorProcess emulator;

	private final Connection connection;

	private final List<JavaProcess> workers = new ArrayList<>();

	BenchmarkRig(Path jar, Path logs, List<String> twilioNumbers)
			throws IOException, TimeoutException, GeneralSecurityException, URISyntaxException {
		this.jar = jar;
		this.logs = logs;
		this.broker = new BrokerControl("osw-bench-" + this.id, this.services.rabbitUser());
		this.broker.create();
		admin().sql("CREATE SCHEMA " + this.schema).update();
		this.emulator = EmulatorProcess.start(jar, twilioNumbers, logs.resolve("emulator.log"), 256, "2g");
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
		List<String> command = new ArrayList<>(List.of("-jar", this.jar.toString()));
		command.addAll(workerArguments());
		command.addAll(extra);
		List<String> jvm = new ArrayList<>(WORKER_JVM);
		if (Boolean.getBoolean("benchmark.profile")) {
			jvm.add(WorkerProfile.recordingOption(this.logs.resolve(name + ".jfr")));
		}
		JavaProcess worker = JavaProcess.start(jvm, command, this.logs.resolve(name + ".log"));
		this.workers.add(worker);
		await("the worker to start").atMost(Duration.ofSeconds(120)).until(() -> {
			if (!worker.isAlive()) {
				throw new IllegalStateException("the worker exited: " + worker.output());
			}
			return worker.output().contains("Started WorkerApplication");
		});
		return worker;
	}

	private List<String> workerArguments() {
		String storeUrl = this.services.postgresUrl() + "?currentSchema=" + this.schema;
		return List.of("--spring.rabbitmq.host=" + this.services.rabbitHost(),
				"--spring.rabbitmq.port=" + this.services.rabbitPort(),
				"--spring.rabbitmq.username=" + this.services.rabbitUser(),
				"--spring.rabbitmq.password=" + this.services.rabbitPassword(),
				"--spring.rabbitmq.virtual-host=" + this.broker.vhost(), "--spring.datasource.url=" + storeUrl,
				"--spring.datasource.username=" + this.services.postgresUser(),
				"--spring.datasource.password=" + this.services.postgresPassword(),
				"--twilio.api-base-url=" + this.emulator.baseUrl(),
				"--twilio.account-sid=" + EmulatorProcess.ACCOUNT_SID,
				"--twilio.auth-token=" + EmulatorProcess.AUTH_TOKEN,
				"--twilio.proxy-service-sid=" + this.emulator.proxyServiceSid(), "--server.port=0");
	}

	String amqpUri() {
		return "amqp://" + this.services.rabbitUser() + ":" + this.services.rabbitPassword() + "@"
				+ this.services.rabbitHost() + ":" + this.services.rabbitPort() + "/"
				+ java.net.URLEncoder.encode(this.broker.vhost(), java.nio.charset.StandardCharsets.UTF_8);
	}

	BrokerControl broker() {
		return this.broker;
	}

	EmulatorProcess emulator() {
		return this.emulator;
	}

	Connection connection() {
		return this.connection;
	}

	private JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	@Override
	public void close() throws IOException {
		this.workers.forEach((worker) -> worker.stop(40));
		this.connection.close();
		this.emulator.close();
		this.broker.delete();
		admin().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

}
