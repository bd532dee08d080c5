package com.outboundsms.worker;

import java.util.List;
import java.util.regex.Pattern;

import com.outboundsms.worker.emulator.TwilioEmulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's meters count what it did, by bounded tags only: no phone number, request
 * id or SID ever becomes a tag value.
 */
@WorkerIntegrationTest
class MetricsIntegrationTests {

	private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

	@Autowired
	Taps taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	MeterRegistry registry;

	@Test
	void countsOutcomesTwilioCallsAndStoreOperationsWithBoundedTags() {
		String from = TestNumbers.twilioNumber();
		String to = TestNumbers.customerNumber();
		this.emulator.createFlexFlow(from);
		double createdBefore = count("outbound.sms.requests", "outcome", "created");
		double invalidBefore = count("outbound.sms.deadletters", "reason", "INVALID_REQUEST");

		this.taps.publish(RequestBodies.json(RequestBodies.minimal("metrics-1", from, to)), null);
		JsonNode result = this.taps.awaitResult("metrics-1");
		this.taps.publish("not json", "metrics-bad-1");
		this.taps.awaitResult("metrics-bad-1");

		assertThat(count("outbound.sms.requests", "outcome", "created")).isEqualTo(createdBefore + 1);
		assertThat(count("outbound.sms.deadletters", "reason", "INVALID_REQUEST")).isEqualTo(invalidBefore + 1);
		assertThat(this.registry.find("outbound.sms.twilio.calls")
			.tag("endpoint", "flex-api/v1/Channels")
			.tag("status", "2xx")
			.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isPositive());
		assertThat(this.registry.find("outbound.sms.twilio.calls")
			.tag("endpoint", "proxy/v1/Services/{sid}/Sessions")
			.timer()).isNotNull();
		assertThat(this.registry.find("outbound.sms.store").tag("operation", "claim").timer()).isNotNull()
			.satisfies((timer) -> assertThat(timer.count()).isPositive());
		List<String> personal = List.of(from, to, from.substring(1), to.substring(1), "metrics-1", "metrics-bad-1",
				result.path("chatChannelSid").asString(), result.path("proxySessionSid").asString());
		assertThat(this.registry.getMeters())
			.allSatisfy((meter) -> assertThat(tagValues(meter)).noneMatch((value) -> SID.matcher(value).find()
					|| personal.stream().anyMatch((forbidden) -> value.contains(forbidden))));
	}

	private double count(String name, String tag, String value) {
		return this.registry.find(name).tag(tag, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private static List<String> tagValues(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getValue).toList();
	}

}
