package com.outboundsms.worker.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.outboundsms.worker.TestServices;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a run of worker processes stands on, for the fault suite and the benchmark alike:
 * a virtual host and a PostgreSQL schema of its own and the emulator in its own process,
 * with the arguments that point a worker at them; all removed when the run closes.
 */
public final class ProcessRun implements AutoCloseable {

	private final TestServices services = TestServices.get();

	private final BrokerControl broker;

	private final String schema;

	private final EmulatorProcess emulator;

	/**
	 * Sets a run up.
	 * @param prefix the prefix of its virtual host and schema, such as {@code osw-faults}
	 * @param twilioNumbers the numbers the emulator has Flex Flows for
	 * @param emulatorLog where the emulator's output goes
	 * @param emulatorThreads requests the emulator serves at once
	 * @param emulatorHeap the emulator's heap, such as {@code 512m}
	 */
	public ProcessRun(String prefix, List<String> twilioNumbers, Path emulatorLog, int emulatorThreads,
			String emulatorHeap) {
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.broker = new BrokerControl(prefix + "-" + id, this.services);
		this.schema = prefix.replace('-', '_') + "_" + id;
		this.broker.create();
		admin().sql("CREATE SCHEMA " + this.schema).update();
		this.emulator = EmulatorProcess.start(twilioNumbers, emulatorLog, emulatorThreads, emulatorHeap);
	}

	/**
	 * The arguments that point a worker at the run's broker virtual host, schema and
	 * emulator.
	 * @param storeHost the host PostgreSQL is reached on (its own, or a proxy's)
	 * @param storePort the port PostgreSQL is reached on
	 * @return {@code --property=value} arguments
	 */
	public List<String> workerArguments(String storeHost, int storePort) {
		String storeUrl = "jdbc:postgresql://" + storeHost + ":" + storePort + postgres().getPath() + "?currentSchema="
				+ this.schema;
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

	/** Where PostgreSQL itself listens. */
	public URI postgres() {
		return URI.create(this.services.postgresUrl().substring("jdbc:".length()));
	}

	public TestServices services() {
		return this.services;
	}

	public BrokerControl broker() {
		return this.broker;
	}

	public EmulatorProcess emulator() {
		return this.emulator;
	}

	/**
	 * Counts rows of the run's schema.
	 * @param table the table
	 * @param condition the rows to count, as SQL
	 * @return how many there are
	 */
	public long count(String table, String condition) {
		return admin().sql("SELECT COUNT(*) FROM " + this.schema + "." + table + " WHERE " + condition)
			.query(Long.class)
			.single();
	}

	private JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	@Override
	public void close() {
		this.emulator.close();
		this.broker.delete();
		admin().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

}
