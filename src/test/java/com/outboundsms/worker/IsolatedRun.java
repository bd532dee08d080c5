package com.outboundsms.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Gives a test context exchanges, queues and a PostgreSQL schema named after a run id,
 * and a running Twilio emulator; removes them all once the worker's listeners have
 * stopped.
 */
public class IsolatedRun implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The API key the worker under test authenticates with. */
	public static final String API_KEY = "SK0123456789abcdef0123456789abcdef";

	private static final String API_SECRET = "test-api-secret";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestServices services = TestServices.get();
		RunNames names = RunNames.random();
		admin(services).sql("CREATE SCHEMA " + names.schema()).update();
		// a test may give the worker secrets of its own (canaries, through
		// @TestPropertySource): the emulator accepts those instead
		String apiSecret = context.getEnvironment().getProperty("twilio.api-secret", API_SECRET);
		String authToken = context.getEnvironment()
			.getProperty("twilio.auth-token", EmulatorSettings.DEFAULT_AUTH_TOKEN);
		TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults()
			.withCredentials(EmulatorSettings.DEFAULT_ACCOUNT_SID, authToken)
			.withApiKey(API_KEY, apiSecret));
		Map<String, Object> properties = new HashMap<>(names.properties());
		properties.put("spring.rabbitmq.host", services.rabbitHost());
		properties.put("spring.rabbitmq.port", services.rabbitPort());
		properties.put("spring.rabbitmq.username", services.rabbitUser());
		properties.put("spring.rabbitmq.password", services.rabbitPassword());
		properties.put("spring.datasource.url", services.postgresUrl(names.schema()));
		properties.put("spring.datasource.username", services.postgresUser());
		properties.put("spring.datasource.password", services.postgresPassword());
		// the test run keeps many worker contexts at once: each
		// holds one idle connection, not a full pool, so that
		// together they stay within the database's connections
		properties.put("spring.datasource.hikari.minimum-idle", "1");
		properties.put("spring.datasource.hikari.idle-timeout", "10000");
		properties.put("twilio.api-base-url", emulator.baseUrl());
		properties.put("twilio.account-sid", emulator.accountSid());
		// an API key, as production should use; sandbox mode covers the auth token
		properties.put("twilio.api-key", API_KEY);
		properties.put("twilio.api-secret", apiSecret);
		properties.put("twilio.proxy-service-sid", emulator.defaultProxyServiceSid());
		// the delays name the delay queues the cleanup removes; the attempts a test may
		// raise (through @TestPropertySource)
		properties.put("outbound-sms.inbound.retry-delays", String.join(",", RunNames.RETRY_DELAYS));
		properties.put("outbound-sms.inbound.max-attempts",
				context.getEnvironment().getProperty("outbound-sms.inbound.max-attempts", "3"));
		// two fair shares, unless the test asks for more: the suite's cached contexts
		// together keep hundreds of quorum queues, each a load on the shared broker
		properties.put("outbound-sms.inbound.bulk-shares",
				context.getEnvironment().getProperty("outbound-sms.inbound.bulk-shares", "2"));
		// the scenario tests are written for flex-legacy unless they choose a backend;
		// flex-conversations, the default, has scenario tests of its own
		properties.put("outbound-sms.backend",
				context.getEnvironment().getProperty("outbound-sms.backend", "flex-legacy"));
		// the backlog gauges follow the queues quickly enough for a test to see them move
		properties.put("outbound-sms.backlog.read-interval", "250ms");
		// the bulk lane sends at any hour unless a test sets its window: tests run at
		// whatever time it is
		properties.put("outbound-sms.send-window.bulk",
				context.getEnvironment().getProperty("outbound-sms.send-window.bulk", ""));
		// tests add Flex Flows as they go: let every unknown number read the flows again
		properties.put("twilio.flow-miss-refresh", "0s");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("isolated-run", properties));
		context.getBeanFactory().registerSingleton("twilioEmulator", emulator);
		context.getBeanFactory().registerSingleton("runNames", names);
		// on close, not on stop: the test framework stops (pauses) a cached context while
		// other test classes run, and resumes it later with its schema, queues and
		// emulator still there
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("runCleanup",
				new Cleanup(services, names, emulator));
	}

	static JdbcClient admin(TestServices services) {
		return JdbcClient.create(new DriverManagerDataSource(services.postgresUrl(), services.postgresUser(),
				services.postgresPassword()));
	}

	/**
	 * The names a run's worker uses.
	 *
	 * @param prefix the prefix of every exchange and queue
	 * @param schema the PostgreSQL schema
	 */
	public record RunNames(String prefix, String schema) {

		/** The delay queues' delays in tests: short, so retries come back at once. */
		static final List<String> RETRY_DELAYS = List.of("20ms", "40ms", "80ms");

		static RunNames random() {
			return named("osw-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
		}

		/**
		 * The names under a prefix of the test's choosing.
		 * @param prefix the prefix
		 * @return the names
		 */
		public static RunNames named(String prefix) {
			return new RunNames(prefix, prefix.replace('-', '_'));
		}

		public String requestExchange() {
			return this.prefix;
		}

		public String requestQueue() {
			return this.prefix + ".requests";
		}

		public String bulkQueue() {
			return this.prefix + ".requests.bulk";
		}

		/** The bulk lane's fair-share queues, as many as the worker makes by default. */
		public List<String> shareQueues() {
			return java.util.stream.IntStream.range(0, 8).mapToObj((share) -> bulkQueue() + ".share." + share).toList();
		}

		public String retryExchange() {
			return this.prefix + ".retry";
		}

		/** Both lanes' delay queues, the interactive lane's first. */
		public List<String> retryQueues() {
			return java.util.stream.Stream.of(requestQueue(), bulkQueue())
				.flatMap((queue) -> RETRY_DELAYS.stream()
					.map((delay) -> queue + ".retry." + delay.replace("ms", "") + "ms"))
				.toList();
		}

		public String resultExchange() {
			return this.prefix + ".results";
		}

		public String deadLetterExchange() {
			return this.prefix + ".dlx";
		}

		public String deadLetterQueue() {
			return this.prefix + ".requests.dlq";
		}

		public Map<String, Object> properties() {
			return Map.of("outbound-sms.inbound.exchange", requestExchange(), "outbound-sms.inbound.queue",
					requestQueue(), "outbound-sms.inbound.bulk-queue", bulkQueue(), "outbound-sms.outbound.exchange",
					resultExchange(), "outbound-sms.deadletter.exchange", deadLetterExchange(),
					"outbound-sms.deadletter.queue", deadLetterQueue());
		}

	}

	/**
	 * Removes the run's broker objects and schema and stops the emulator when the context
	 * is closed: after the listener containers stopped, so nothing redeclares what is
	 * deleted.
	 */
	record Cleanup(TestServices services, RunNames names, TwilioEmulator emulator) implements DisposableBean {

		@Override
		public void destroy() {
			this.emulator.close();
			this.services.deleteTopology(this.names);
			admin(this.services).sql("DROP SCHEMA IF EXISTS " + this.names.schema() + " CASCADE").update();
		}

	}

}
