package com.outboundsms.worker.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import com.outboundsms.worker.TcpProxy;
import com.outboundsms.worker.TestServices;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * What one fault-suite run stands on: a virtual host and a PostgreSQL schema of its own,
 * a proxy in front of PostgreSQL the suite can cut, the emulator in its own process, and
 * the workers; all removed when the run closes.
 */
final class FaultRig implements AutoCloseable {

	private final ProcessRun run;

	private final Path logs;

	private final TcpProxy store;

	private final CachingConnectionFactory connections;

	private final List<WorkerSlot> workers = new ArrayList<>();

	FaultRig(String run, Path logs, List<String> twilioNumbers) throws IOException {
		this.logs = logs.resolve(run);
		this.run = new ProcessRun("osw-faults", twilioNumbers, this.logs.resolve("emulator.log"), 32, "512m");
		this.store = new TcpProxy(this.run.postgres().getHost(), this.run.postgres().getPort());
		TestServices services = this.run.services();
		this.connections = new CachingConnectionFactory(services.rabbitHost(), services.rabbitPort());
		this.connections.setUsername(services.rabbitUser());
		this.connections.setPassword(services.rabbitPassword());
		this.connections.setVirtualHost(this.run.broker().vhost());
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
		WorkerSlot slot = new WorkerSlot(name, workerArguments(), this.logs, crashes, random);
		this.workers.add(slot);
		return slot;
	}

	/** The run's arguments, the store through the proxy, and the suite's own settings. */
	private List<String> workerArguments() {
		List<String> arguments = new ArrayList<>(this.run.workerArguments("127.0.0.1", this.store.port()));
		arguments.addAll(List.of("--outbound-sms.backend=flex-legacy",
				// a dead pool connection is noticed at
				// once, not after the driver's defaults
				"--spring.datasource.hikari.connection-timeout=2000",
				"--spring.datasource.hikari.validation-timeout=1000", "--spring.datasource.hikari.maximum-pool-size=6",
				// short delays and lease, so that a run takes minutes rather than hours;
				// the attempts limit stays the default
				"--outbound-sms.inbound.retry-delays=250ms,500ms,1s,2s,4s,8s", "--outbound-sms.idempotency.lease=10s",
				"--outbound-sms.consumption.probe-max-delay=5s"));
		return arguments;
	}

	BrokerControl broker() {
		return this.run.broker();
	}

	EmulatorProcess emulator() {
		return this.run.emulator();
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
		return this.run.count("outreach", "state = 'PENDING' AND lease_until IS NOT NULL AND lease_until < now()");
	}

	long pendingOutreaches() {
		return this.run.count("outreach", "state = 'PENDING'");
	}

	@Override
	public void close() throws IOException {
		this.workers.forEach(WorkerSlot::close);
		this.connections.destroy();
		this.store.close();
		this.run.close();
	}

}
