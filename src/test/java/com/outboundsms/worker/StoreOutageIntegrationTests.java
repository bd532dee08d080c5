package com.outboundsms.worker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outage of the store (PostgreSQL reached through a proxy the test cuts) dead-letters
 * nothing: the worker pauses consumption, reports the store DOWN, and finishes the
 * request once the store answers again.
 */
class StoreOutageIntegrationTests {

	private final TestServices services = TestServices.get();

	@Test
	void pausesWhileTheStoreIsDownAndDeadLettersNothing() throws Exception {
		RunNames names = RunNames.named("osw-test-outage-" + UUID.randomUUID().toString().substring(0, 8));
		IsolatedRun.admin(this.services).sql("CREATE SCHEMA " + names.schema()).update();
		java.net.URI postgres = java.net.URI.create(this.services.postgresUrl().substring("jdbc:".length()));
		CachingConnectionFactory connections = StandaloneWorker.connections(this.services);
		ConfigurableApplicationContext worker = null;
		try (TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults());
				TcpProxy proxy = new TcpProxy(postgres.getHost(), postgres.getPort())) {
			String from = TestNumbers.twilioNumber();
			emulator.createFlexFlow(from);
			String storeThroughProxy = this.services.postgresUrl(names.schema())
				.replace(postgres.getHost() + ":" + postgres.getPort(), "127.0.0.1:" + proxy.port());
			// fail fast while the store is away, so the outage is seen as one
			worker = StandaloneWorker.start(this.services, names, emulator, storeThroughProxy,
					"--spring.datasource.hikari.connection-timeout=1000",
					"--outbound-sms.consumption.probe-initial-delay=200ms",
					"--outbound-sms.consumption.probe-max-delay=1s");
			Map<String, JsonNode> results = StandaloneWorker.resultTap(connections, names);
			HealthEndpoint health = worker.getBean(HealthEndpoint.class);

			proxy.cut();
			StandaloneWorker.publish(connections, names,
					RequestBodies.json(RequestBodies.minimal("outage-1", from, TestNumbers.customerNumber())));

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				IndicatedHealthDescriptor consumption = (IndicatedHealthDescriptor) health.healthForPath("consumption");
				assertThat(consumption.getStatus()).isEqualTo(Status.DOWN);
				assertThat(consumption.getDetails()).containsEntry("dependency", "STORE");
			});
			assertThat(results).isEmpty();

			proxy.restore();

			await().atMost(Duration.ofSeconds(60)).until(() -> results.containsKey("outage-1"));
			assertThat(results.get("outage-1").path("outcome").asString()).isEqualTo("CREATED");
			assertThat(((Number) new RabbitAdmin(connections).getQueueProperties(names.deadLetterQueue())
				.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue()).isZero();
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

}
