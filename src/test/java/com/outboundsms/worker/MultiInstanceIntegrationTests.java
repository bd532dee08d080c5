package com.outboundsms.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun.RunNames;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two worker instances sharing one PostgreSQL store and one queue: requests for the same
 * pairs, spread over both, make exactly one outreach per pair; every other request for a
 * pair is answered REUSED with its SIDs.
 */
class MultiInstanceIntegrationTests {

	private final TestServices services = TestServices.get();

	@Test
	void twoInstancesMakeOneOutreachPerPair() {
		RunNames names = RunNames.named("osw-test-multi-" + UUID.randomUUID().toString().substring(0, 8));
		IsolatedRun.admin(this.services).sql("CREATE SCHEMA " + names.schema()).update();
		List<ConfigurableApplicationContext> workers = new ArrayList<>();
		CachingConnectionFactory connections = StandaloneWorker.connections(this.services);
		try (TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults())) {
			// slow Twilio, so that the two instances meet on the same pairs while
			// outreaches are made
			emulator.faults().latency(Duration.ofMillis(150));
			String from = TestNumbers.twilioNumber();
			emulator.createFlexFlow(from);
			workers.add(StandaloneWorker.start(this.services, names, emulator,
					this.services.postgresUrl(names.schema()), "--outbound-sms.consumption.consumers=4"));
			workers.add(StandaloneWorker.start(this.services, names, emulator,
					this.services.postgresUrl(names.schema()), "--outbound-sms.consumption.consumers=4"));
			Map<String, JsonNode> results = StandaloneWorker.resultTap(connections, names);
			List<String> customers = List.of(TestNumbers.customerNumber(), TestNumbers.customerNumber(),
					TestNumbers.customerNumber(), TestNumbers.customerNumber());

			for (int round = 0; round < 4; round++) {
				for (String to : customers) {
					StandaloneWorker.publish(connections, names, RequestBodies
						.json(RequestBodies.minimal("multi-" + round + "-" + to.substring(1), from, to)));
				}
			}

			await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 16);
			for (String to : customers) {
				List<JsonNode> forPair = results.values()
					.stream()
					.filter((result) -> result.path("toNumber").asString().equals(to))
					.toList();
				assertThat(forPair).hasSize(4);
				assertThat(forPair).filteredOn((result) -> result.path("outcome").asString().equals("CREATED"))
					.hasSize(1);
				assertThat(forPair).filteredOn((result) -> result.path("outcome").asString().equals("REUSED"))
					.hasSize(3);
				assertThat(forPair.stream().map((result) -> result.path("proxySessionSid").asString()).distinct())
					.hasSize(1);
				assertThat(emulator.requests("POST", "/flex-api/v1/Channels")
					.stream()
					.filter((request) -> to.equals(request.form().first("Target")))).hasSize(1);
			}
		}
		finally {
			workers.forEach(ConfigurableApplicationContext::close);
			connections.destroy();
			this.services.deleteTopology(names);
			IsolatedRun.admin(this.services).sql("DROP SCHEMA IF EXISTS " + names.schema() + " CASCADE").update();
		}
	}

}
