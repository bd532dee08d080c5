package com.outboundsms.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The RabbitMQ broker and PostgreSQL server the integration tests run against: the local
 * services when they answer (or {@code OUTBOUND_SMS_TEST_SERVICES=local}), else
 * containers started with Testcontainers where Docker runs. With neither, tests fail with
 * a message saying what is missing; they are never skipped.
 */
public final class TestServices {

	private static final String RABBIT_IMAGE = "rabbitmq:3.13-management";

	private static final String POSTGRES_IMAGE = "postgres:15";

	private static TestServices instance;

	private final String rabbitHost;

	private final int rabbitPort;

	private final String rabbitUser;

	private final String rabbitPassword;

	private final String postgresUrl;

	private final String postgresUser;

	private final String postgresPassword;

	private TestServices(String rabbitHost, int rabbitPort, String rabbitUser, String rabbitPassword,
			String postgresUrl, String postgresUser, String postgresPassword) {
		this.rabbitHost = rabbitHost;
		this.rabbitPort = rabbitPort;
		this.rabbitUser = rabbitUser;
		this.rabbitPassword = rabbitPassword;
		this.postgresUrl = postgresUrl;
		this.postgresUser = postgresUser;
		this.postgresPassword = postgresPassword;
	}

	/**
	 * The services of this test run, found or started once per JVM.
	 * @return the services
	 */
	public static synchronized TestServices get() {
		if (instance == null) {
			instance = resolve();
		}
		return instance;
	}

	private static TestServices resolve() {
		String choice = env("OUTBOUND_SMS_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
		String rabbitHost = env("OUTBOUND_SMS_TEST_RABBIT_HOST", "127.0.0.1");
		int rabbitPort = Integer.parseInt(env("OUTBOUND_SMS_TEST_RABBIT_PORT", "5672"));
		String pgHost = env("OUTBOUND_SMS_TEST_PG_HOST", "127.0.0.1");
		int pgPort = Integer.parseInt(env("OUTBOUND_SMS_TEST_PG_PORT", "5432"));
		boolean localUp = answers(rabbitHost, rabbitPort) && answers(pgHost, pgPort);
		if (choice.equals("local") || (choice.equals("auto") && localUp)) {
			if (!localUp) {
				throw new IllegalStateException("OUTBOUND_SMS_TEST_SERVICES=local, but RabbitMQ (" + rabbitHost + ":"
						+ rabbitPort + ") or PostgreSQL (" + pgHost + ":" + pgPort + ") does not answer");
			}
			return new TestServices(rabbitHost, rabbitPort, env("OUTBOUND_SMS_TEST_RABBIT_USER", "guest"),
					env("OUTBOUND_SMS_TEST_RABBIT_PASSWORD", "guest"),
					"jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + env("OUTBOUND_SMS_TEST_PG_DATABASE", "test"),
					env("OUTBOUND_SMS_TEST_PG_USER", "postgres"), env("OUTBOUND_SMS_TEST_PG_PASSWORD", ""));
		}
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException(
					"The integration tests need RabbitMQ and PostgreSQL: neither local services (" + rabbitHost + ":"
							+ rabbitPort + ", " + pgHost + ":" + pgPort
							+ ") nor a Docker engine for Testcontainers were found. Start them (see README) and run again.");
		}
		return containers();
	}

	@SuppressWarnings("resource")
	private static TestServices containers() {
		RabbitMQContainer rabbit = new RabbitMQContainer(RABBIT_IMAGE);
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
		rabbit.start();
		postgres.start();
		return new TestServices(rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(),
				rabbit.getAdminPassword(), postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
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
