package com.outboundsms.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A held request survives the worker: held by one worker, which then stops, it is
 * released and sent by the next one, from the store.
 */
class HeldRequestRestartIntegrationTests {

	private final TestServices services = TestServices.get();

	@Test
	void aRequestHeldByAWorkerThatStoppedIsSentByTheNext() {
		RunNames names = RunNames.named("osw-test-held-" + UUID.randomUUID().toString().substring(0, 8));
		IsolatedRun.admin(this.services).sql("CREATE SCHEMA " + names.schema()).update();
		String storeUrl = this.services.postgresUrl(names.schema());
		JdbcClient store = JdbcClient.create(
				new DriverManagerDataSource(storeUrl, this.services.postgresUser(), this.services.postgresPassword()));
		CachingConnectionFactory connections = StandaloneWorker.connections(this.services);
		ConfigurableApplicationContext worker = null;
		try (TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults())) {
			String from = TestNumbers.twilioNumber();
			emulator.createFlexFlow(from);
			worker = StandaloneWorker.start(this.services, names, emulator, storeUrl,
					"--outbound-sms.hold.release-interval=200ms");
			Map<String, JsonNode> results = StandaloneWorker.resultTap(connections, names);
			Map<String, Object> body = RequestBodies.minimal("restart-1", from, TestNumbers.customerNumber());
			body.put("notBefore", Instant.now().plus(Duration.ofSeconds(8)).toString());

			StandaloneWorker.publish(connections, names, RequestBodies.json(body));
			await().atMost(Duration.ofSeconds(10)).until(() -> held(store) == 1);
			worker.close();
			worker = null;
			assertThat(held(store)).isEqualTo(1);
			assertThat(results).isEmpty();

			worker = StandaloneWorker.start(this.services, names, emulator, storeUrl,
					"--outbound-sms.hold.release-interval=200ms");

			await().atMost(Duration.ofSeconds(30)).until(() -> results.containsKey("restart-1"));
			assertThat(results.get("restart-1").path("outcome").asString()).isEqualTo("CREATED");
			assertThat(held(store)).isZero();
		}
		finally {
			if (worker != null) {
				worker.close();
			}
			connections.destroy();
			this.services.deleteTopology(names);
			IsolatedRun.admin(this.services).sql("DROP SCHEMA IF EXISTS " + names.schema() + " CASCADE").update();
		}
	}

	private static long held(JdbcClient store) {
		return store.sql("SELECT COUNT(*) FROM held_request WHERE request_id = 'restart-1'").query(Long.class).single();
	}

}
