package com.outboundsms.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The RabbitMQ broker and PostgreSQL server the integration tests run against: one
 * container of each, started with Testcontainers, where a Docker engine runs; else the
 * local services. {@code OUTBOUND_SMS_TEST_SERVICES} ({@code auto}, {@code containers},
 * {@code local}) chooses. With neither, tests fail with a message saying what is missing;
 * they are never skipped.
 */
public final class TestServices {

	/** The broker image, the compose stack's too (so that ops/images makes it). */
	public static final String RABBIT_IMAGE = "rabbitmq:3.13-management";

	/** The database image, the compose stack's too. */
	public static final String POSTGRES_IMAGE = "postgres:15";

	/** Local RabbitMQ's management port (the container's is mapped to another). */
	private static final int LOCAL_MANAGEMENT_PORT = 15672;

	/**
	 * RabbitMQ budgets file handles from its open-files limit when it starts (about 930
	 * under the common 1024) and counts several per quorum queue; the suite keeps a few
	 * hundred, and once the budget is spent the broker accepts no new connection and says
	 * nothing. Few real descriptors are open, so the container's broker gets a larger
	 * budget, whatever limit the engine gave it (an engine may refuse to raise it).
	 */
	private static final String RAISE_FILE_HANDLE_BUDGET = "case proplists:get_value(total_limit, "
			+ "file_handle_cache:info()) of L when L < 8000 -> file_handle_cache:set_limit(8000); _ -> ok end.";

	private static TestServices instance;

	/**
	 * Why the services could not be had: every later test fails with it, starting
	 * nothing.
	 */
	private static RuntimeException failure;

	private final String where;

	private final String rabbitHost;

	private final int rabbitPort;

	private final String rabbitUser;

	private final String rabbitPassword;

	private final String postgresUrl;

	private final String postgresUser;

	private final String postgresPassword;

	private final int rabbitManagementPort;

	private final List<String> rabbitmqctl;

	private TestServices(String where, String rabbitHost, int rabbitPort, String rabbitUser, String rabbitPassword,
			String postgresUrl, String postgresUser, String postgresPassword, int rabbitManagementPort,
			List<String> rabbitmqctl) {
		this.where = where;
		this.rabbitHost = rabbitHost;
		this.rabbitPort = rabbitPort;
		this.rabbitUser = rabbitUser;
		this.rabbitPassword = rabbitPassword;
		this.postgresUrl = postgresUrl;
		this.postgresUser = postgresUser;
		this.postgresPassword = postgresPassword;
		this.rabbitManagementPort = rabbitManagementPort;
		this.rabbitmqctl = List.copyOf(rabbitmqctl);
	}

	/**
	 * The services of this test run, found or started once per JVM.
	 * @return the services
	 */
	public static synchronized TestServices get() {
		if (failure != null) {
			throw failure;
		}
		if (instance == null) {
			try {
				instance = resolve();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return instance;
	}

	private static TestServices resolve() {
		String choice = env("OUTBOUND_SMS_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
		String rabbitHost = env("OUTBOUND_SMS_TEST_RABBIT_HOST", "127.0.0.1");
		int rabbitPort = Integer.parseInt(env("OUTBOUND_SMS_TEST_RABBIT_PORT", "5672"));
		String pgHost = env("OUTBOUND_SMS_TEST_PG_HOST", "127.0.0.1");
		int pgPort = Integer.parseInt(env("OUTBOUND_SMS_TEST_PG_PORT", "5432"));
		String local = "RabbitMQ on " + rabbitHost + ":" + rabbitPort + ", PostgreSQL on " + pgHost + ":" + pgPort;
		TestServices services = switch (choice) {
			case "containers" -> {
				if (!DockerClientFactory.instance().isDockerAvailable()) {
					throw new IllegalStateException(
							"OUTBOUND_SMS_TEST_SERVICES=containers, but no Docker engine answers (see README)");
				}
				yield containers();
			}
			case "local" -> {
				if (!answers(rabbitHost, rabbitPort) || !answers(pgHost, pgPort)) {
					throw new IllegalStateException(
							"OUTBOUND_SMS_TEST_SERVICES=local, but " + local + " do not both answer");
				}
				yield local(local, rabbitHost, rabbitPort, pgHost, pgPort);
			}
			case "auto" -> {
				// containers first: the same broker and database on every machine with
				// Docker
				boolean localUp = answers(rabbitHost, rabbitPort) && answers(pgHost, pgPort);
				// an engine that cannot get Testcontainers' own images must not stop a
				// machine that has the services from testing (Testcontainers would retry
				// its pulls for minutes, even to say whether Docker runs); CI asks for
				// containers by name, so it never takes this way
				if (localUp && !reaperObtainable()) {
					System.out.println("[test services] Docker Hub cannot be reached and Testcontainers' reaper "
							+ "is not disabled (README, Tests, \"Without Docker Hub\"): using the local services");
					yield local(local, rabbitHost, rabbitPort, pgHost, pgPort);
				}
				if (DockerClientFactory.instance().isDockerAvailable()) {
					try {
						yield containers();
					}
					catch (RuntimeException notStarted) {
						if (!localUp) {
							throw notStarted;
						}
						System.out.println("[test services] containers could not be started (" + notStarted.getMessage()
								+ "); falling back to the local services");
						yield local(local, rabbitHost, rabbitPort, pgHost, pgPort);
					}
				}
				if (localUp) {
					yield local(local, rabbitHost, rabbitPort, pgHost, pgPort);
				}
				throw new IllegalStateException("The integration tests need RabbitMQ and PostgreSQL: neither a Docker "
						+ "engine for Testcontainers nor local services (" + local
						+ ") were found. Start either (see README) and run again.");
			}
			default -> throw new IllegalStateException(
					"OUTBOUND_SMS_TEST_SERVICES is " + choice + ": use auto, containers or local");
		};
		// one line in the test log says which path this run took
		System.out.println("[test services] " + services.where);
		return services;
	}

	/**
	 * Whether Testcontainers can have its reaper: disabled, or its image can come from
	 * Docker Hub, whose name resolves.
	 */
	private static boolean reaperObtainable() {
		if (Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
			return true;
		}
		try {
			InetAddress.getByName("registry-1.docker.io");
			return true;
		}
		catch (UnknownHostException unreachable) {
			return false;
		}
	}

	private static TestServices local(String description, String rabbitHost, int rabbitPort, String pgHost,
			int pgPort) {
		return new TestServices("local services: " + description, rabbitHost, rabbitPort,
				env("OUTBOUND_SMS_TEST_RABBIT_USER", "guest"), env("OUTBOUND_SMS_TEST_RABBIT_PASSWORD", "guest"),
				"jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + env("OUTBOUND_SMS_TEST_PG_DATABASE", "test"),
				env("OUTBOUND_SMS_TEST_PG_USER", "postgres"), env("OUTBOUND_SMS_TEST_PG_PASSWORD", ""),
				LOCAL_MANAGEMENT_PORT, List.of("rabbitmqctl"));
	}

	/**
	 * One RabbitMQ and one PostgreSQL container for the whole run, stopped (and so
	 * removed) when the JVM ends: Testcontainers' reaper does that too where its image
	 * can be had, and where it cannot (TESTCONTAINERS_RYUK_DISABLED) this is the only
	 * cleanup.
	 */
	@SuppressWarnings("resource")
	private static TestServices containers() {
		RabbitMQContainer rabbit = new RabbitMQContainer(RABBIT_IMAGE);
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			awaitSpringShutdown();
			rabbit.stop();
			postgres.stop();
		}, "test-services-containers"));
		try {
			rabbit.start();
			postgres.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not start the test containers (" + RABBIT_IMAGE + ", "
					+ POSTGRES_IMAGE + "). Where Docker Hub cannot be reached, build stand-ins with ops/images "
					+ "and run without Testcontainers' reaper and checks (README, Tests, \"Without Docker Hub\")", ex);
		}
		raiseFileHandleBudget(rabbit);
		return new TestServices(
				"containers: " + RABBIT_IMAGE + " " + rabbit.getContainerId().substring(0, 12) + ", " + POSTGRES_IMAGE
						+ " " + postgres.getContainerId().substring(0, 12),
				rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(), rabbit.getAdminPassword(),
				postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), rabbit.getHttpPort(),
				List.of("docker", "exec", "-i", rabbit.getContainerId(), "rabbitmqctl"));
	}

	private static void raiseFileHandleBudget(RabbitMQContainer rabbit) {
		try {
			ExecResult raised = rabbit.execInContainer("rabbitmqctl", "eval", RAISE_FILE_HANDLE_BUDGET);
			if (raised.getExitCode() != 0) {
				throw new IllegalStateException(
						"Could not raise the broker's file handle budget: " + raised.getStdout() + raised.getStderr());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not raise the broker's file handle budget", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while raising the broker's file handle budget", ex);
		}
	}

	/**
	 * Spring closes the tests' cached contexts in shutdown hooks of its own, which run
	 * alongside the containers' one: the workers in them stop, and remove their queues
	 * and schemas, while the broker and the database still answer.
	 */
	private static void awaitSpringShutdown() {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			String name = thread.getName();
			if (thread != Thread.currentThread() && name.startsWith("Spring") && name.endsWith("ShutdownHook")) {
				try {
					thread.join(60_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/**
	 * Deletes the queues and exchanges a worker declared under a name prefix.
	 * @param names the names
	 */
	public void deleteTopology(IsolatedRun.RunNames names) {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			List<String> queues = new java.util.ArrayList<>(
					List.of(names.requestQueue(), names.bulkQueue(), names.deadLetterQueue()));
			queues.addAll(names.retryQueues());
			queues.addAll(names.shareQueues());
			for (String queue : queues) {
				channel.queueDelete(queue);
			}
			for (String exchange : List.of(names.requestExchange(), names.resultExchange(), names.deadLetterExchange(),
					names.retryExchange())) {
				channel.exchangeDelete(exchange);
			}
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not remove the test run's queues and exchanges", ex);
		}
	}

	/**
	 * Declares a plain queue, as someone else might have before the worker starts.
	 * @param name the queue
	 */
	public void declareClassicQueue(String name) {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.queueDeclare(name, true, false, false, java.util.Map.of());
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not declare " + name, ex);
		}
	}

	/**
	 * Command-line arguments that point a worker at these services and at the run's
	 * names.
	 * @param names the names
	 * @return {@code --property=value} arguments
	 */
	public List<String> arguments(IsolatedRun.RunNames names) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--spring.rabbitmq.host=" + this.rabbitHost,
				"--spring.rabbitmq.port=" + this.rabbitPort, "--spring.rabbitmq.username=" + this.rabbitUser,
				"--spring.rabbitmq.password=" + this.rabbitPassword, "--server.port=0"));
		names.properties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
		arguments.add("--outbound-sms.inbound.retry-delays=" + String.join(",", IsolatedRun.RunNames.RETRY_DELAYS));
		return arguments;
	}

	/**
	 * A connection to the broker, in its default virtual host.
	 * @return the connection, for the caller to close
	 * @throws IOException if the broker cannot be reached
	 * @throws TimeoutException if it does not answer in time
	 */
	public Connection connect() throws IOException, TimeoutException {
		return connect("/");
	}

	/**
	 * A connection to the broker.
	 * @param virtualHost the virtual host
	 * @return the connection, for the caller to close
	 * @throws IOException if the broker cannot be reached
	 * @throws TimeoutException if it does not answer in time
	 */
	public Connection connect(String virtualHost) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setVirtualHost(virtualHost);
		factory.setHost(this.rabbitHost);
		factory.setPort(this.rabbitPort);
		factory.setUsername(this.rabbitUser);
		factory.setPassword(this.rabbitPassword);
		return factory.newConnection();
	}

	/**
	 * A Spring connection factory for the broker, with correlated publisher confirms and
	 * returns, as the worker's.
	 * @return the factory, for the caller to destroy
	 */
	public CachingConnectionFactory confirmingConnectionFactory() {
		CachingConnectionFactory factory = new CachingConnectionFactory(this.rabbitHost, this.rabbitPort);
		factory.setUsername(this.rabbitUser);
		factory.setPassword(this.rabbitPassword);
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		factory.setPublisherReturns(true);
		return factory;
	}

	public String rabbitHost() {
		return this.rabbitHost;
	}

	public int rabbitPort() {
		return this.rabbitPort;
	}

	public String rabbitUser() {
		return this.rabbitUser;
	}

	public String rabbitPassword() {
		return this.rabbitPassword;
	}

	/**
	 * The port of the broker's management API, on {@link #rabbitHost()}.
	 * @return the port
	 */
	public int rabbitManagementPort() {
		return this.rabbitManagementPort;
	}

	/**
	 * The command that runs {@code rabbitmqctl} against the broker: on this machine for
	 * the local one, {@code docker exec} in the container for the other.
	 * @param arguments its arguments
	 * @return the whole command
	 */
	public List<String> rabbitmqctl(String... arguments) {
		List<String> command = new java.util.ArrayList<>(this.rabbitmqctl);
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * The PostgreSQL URL of a schema of its own.
	 * @param schema the schema
	 * @return a JDBC URL whose current schema is {@code schema}
	 */
	public String postgresUrl(String schema) {
		return this.postgresUrl + (this.postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	public String postgresUrl() {
		return this.postgresUrl;
	}

	/**
	 * Creates a schema and answers a data source whose current schema it is.
	 * @param schema the schema's name, which must not exist yet
	 * @return a data source on it
	 */
	public DataSource createSchema(String schema) {
		admin().sql("CREATE SCHEMA " + schema).update();
		return new DriverManagerDataSource(postgresUrl(schema), this.postgresUser, this.postgresPassword);
	}

	public void dropSchema(String schema) {
		admin().sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
	}

	private JdbcClient admin() {
		return JdbcClient
			.create(new DriverManagerDataSource(this.postgresUrl, this.postgresUser, this.postgresPassword));
	}

	public String postgresUser() {
		return this.postgresUser;
	}

	public String postgresPassword() {
		return this.postgresPassword;
	}

}
