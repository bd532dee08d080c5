package com.outboundsms.worker.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import com.outboundsms.worker.TcpProxy;
import com.outboundsms.worker.TestServices;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What one fault-suite run stands on: a virtual host and a PostgreSQL schema of its own,
 * a proxy in front of PostgreSQL the suite can cut, the emulator in its own process, and
 * the workers; all removed when the run closes.
 */
final class FaultRig implements AutoCloseable {

	private final TestServices services = TestServices.get();

	private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final BrokerControl broker;

	private final String schema = "osw_faults_" + this.id;

	private final Path jar;

	private final Path logs;

	private final TcpProxy store;

	private final EmulatorProcess emulator;

	private final CachingConnectionFactory connections;

	private final List<WorkerSlot> workers = new ArrayList<>();

	FaultRig(String run, Path jar, Path logs, List<String> twilioNumbers) throws IOException {
		this.jar = jar;
		this.logs = logs.resolve(run);
		this.broker = new BrokerControl("osw-faults-" + this.id, this.services.rabbitUser());
		this.broker.create();
		admin().sql("CREATE SCHEMA " + this.schema).update();
		URI postgres = URI.create(this.services.postgresUrl().substring("jdbc:".length()));
		this.store = new TcpProxy(postgres.getHost(), postgres.getPort());
		this.emulator = EmulatorProcess.start(jar, twilioNumbers, this.logs.resolve("emulator.log"));
		this.connections = new CachingConnectionFactory(this.services.rabbitHost(), this.services.rabbitPort());
		this.connections.setUsername(this.services.rabbitUser());
		this.connections.setPassword(this.services.rabbitPassword());
		this.connections.setVirtualHost(this.broker.vhost());
		this.connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
	}

	/**
	 * Starts a supervised worker on the rig.
	 * @param name the slot's name, for its logs
	 * @param crashes where it halts by itself, if anywhere
	 * @param random the source of crash-point skips
	 * @return the slot
	 */
	WorkerSlot startWorker(String name, WorkerSlot.CrashPlan crashes, RandomGenerator random) {
		WorkerSlot slot = new WorkerSlot(name, this.jar, workerArguments(), this.logs, crashes, random);
		this.workers.add(slot);
		return slot;
	}

	private List<String> workerArguments() {
		String storeUrl = "jdbc:postgresql://127.0.0.1:" + this.store.port()
				+ URI.create(this.services.postgresUrl().substring("jdbc:".length())).getPath() + "?currentSchema="
				+ this.schema;
		return List.of("--spring.rabbitmq.host=" + this.services.rabbitHost(),
				"--spring.rabbitmq.port=" + this.services.rabbitPort(),
				"--spring.rabbitmq.username=" + this.services.rabbitUser(),
				"--spring.rabbitmq.password=" + this.services.rabbitPassword(),
				"--spring.rabbitmq.virtual-host=" + this.broker.vhost(), "--spring.datasource.url=" + storeUrl,
				"--spring.datasource.username=" + this.services.postgresUser(),
				"--spring.datasource.password=" + this.services.postgresPassword(),
				// a dead pool connection is noticed at once, not after the driver's
				// defaults
				"--spring.datasource.hikari.connection-timeout=2000",
				"--spring.datasource.hikari.validation-timeout=1000",
				"--twilio.api-base-url=" + this.emulator.baseUrl(),
				"--twilio.account-sid=" + EmulatorProcess.ACCOUNT_SID,
				"--twilio.auth-token=" + EmulatorProcess.AUTH_TOKEN,
				"--twilio.proxy-service-sid=" + this.emulator.proxyServiceSid(),
				// short delays and lease, so that a run takes minutes rather than hours;
				// the
				// attempts limit stays the default
				"--outbound-sms.inbound.retry-delays=250ms,500ms,1s,2s,4s,8s", "--outbound-sms.idempotency.lease=10s",
				"--outbound-sms.consumption.probe-max-delay=5s", "--server.port=0",
				"--spring.datasource.hikari.maximum-pool-size=6");
	}

	BrokerControl broker() {
		return this.broker;
	}

	EmulatorProcess emulator() {
		return this.emulator;
	}

	TcpProxy store() {
		return this.store;
	}

	CachingConnectionFactory connections() {
		return this.connections;
	}

	List<WorkerSlot> workers() {
		return this.workers;
	}

	/**
	 * Pending outreaches whose lease ran out: work a dead worker left that nobody took
	 * over.
	 * @return how many there are
	 */
	long expiredLeases() {
		return admin()
			.sql("SELECT COUNT(*) FROM " + this.schema
					+ ".outreach WHERE state = 'PENDING' AND lease_until IS NOT NULL AND lease_until < now()")
			.query(Long.class)
			.single();
	}

	long pendingOutreaches() {
		return admin().sql("SELECT COUNT(*) FROM " + this.schema + ".outreach WHERE state = 'PENDING'")
			.query(Long.class)
			.single();
	}

	private JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	@Override
	public void close() throws IOException {
		this.workers.forEach(WorkerSlot::close);
		this.connections.destroy();
		this.emulator.close();
		this.store.close();
		this.broker.delete();
		admin().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

}
