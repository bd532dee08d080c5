package com.outboundsms.worker.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.publishing.ConfirmedSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;

/**
 * Publishes the sample requests once the worker is up, as a producer would: persistent,
 * to the request exchange, each with a confirm.
 */
class SandboxRequests {

	private static final Logger logger = LoggerFactory.getLogger(SandboxRequests.class);

	private final ConfirmedSender sender;

	private final InboundProperties inbound;

	private final SandboxProperties sandbox;

	SandboxRequests(ConfirmedSender sender, InboundProperties inbound, SandboxProperties sandbox) {
		this.sender = sender;
		this.inbound = inbound;
		this.sandbox = sandbox;
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishSamples() throws IOException {
		if (!this.sandbox.publishSamples()) {
			return;
		}
		List<String> samples = samples();
		// the emulator starts empty each time while the store file remembers earlier
		// runs: fresh request ids keep earlier runs' stored outcomes from answering this
		// run's samples
		String run = "-" + Instant.now().getEpochSecond();
		for (String sample : samples) {
			publish(sample.replaceFirst("(\"requestId\":\"sample-[a-z-]+)\"", "$1" + run + "\"")
				.getBytes(StandardCharsets.UTF_8));
		}
		logger.info("Sandbox: published {} sample requests from the sandbox number {}; their result events follow",
				samples.size(), this.sandbox.twilioNumber());
	}

	private void publish(byte[] body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(UUID.randomUUID().toString());
		// as producers should: the worker measures the backlog's age from it
		properties.setTimestamp(new Date());
		this.sender.send(this.inbound.exchange(), this.inbound.routingKey(), new Message(body, properties),
				properties.getMessageId());
	}

	private List<String> samples() throws IOException {
		ClassPathResource resource = new ClassPathResource("sandbox/sample-requests.jsonl");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines().filter((line) -> !line.isBlank()).toList();
		}
	}

}
