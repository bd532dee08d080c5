package com.outboundsms.worker.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.ScratchTopology;
import com.outboundsms.worker.TestServices;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.AmqpMessageReturnedException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.AmqpNackReceivedException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The confirmed senders against the broker: a send returns once the message is queued;
 * what the broker refuses, cannot route (when mandatory) or does not confirm in time
 * fails with spring-amqp's exception for it.
 */
class ConfirmedSenderIntegrationTests {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final TestServices services = TestServices.get();

	private ScratchTopology topology;

	private String queue;

	private ConfirmedSenders senders;

	@BeforeEach
	void declareTopology() throws IOException, TimeoutException {
		this.topology = ScratchTopology.declare(this.services, "osw-test-confirms");
		this.queue = this.topology.queue("routed", Map.of("x-queue-type", "quorum"));
		// takes nothing and says so: the broker nacks what is sent to it
		this.topology.queue("full", Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
		// as the worker's: with returns on, Boot's templates are mandatory
		RabbitProperties properties = new RabbitProperties();
		properties.setPublisherReturns(true);
		this.senders = new ConfirmedSenders(new RabbitTemplateConfigurer(properties),
				this.topology.connectionFactory());
	}

	@AfterEach
	void removeTopology() throws IOException {
		this.topology.close();
	}

	@Test
	void returnsOnceTheMessageIsQueued() throws IOException {
		this.senders.mandatory(CONFIRM_TIMEOUT).send(this.topology.exchange(), "routed", message("queued"), "c-1");

		GetResponse queued = this.topology.take(this.queue);
		assertThat(queued).isNotNull();
		assertThat(queued.getBody()).asString(StandardCharsets.UTF_8).isEqualTo("queued");
	}

	@Test
	void failsWithTheReturnWhenAMandatoryMessageReachesNoQueue() {
		ConfirmedSender sender = this.senders.mandatory(CONFIRM_TIMEOUT);

		assertThatExceptionOfType(AmqpMessageReturnedException.class)
			.isThrownBy(() -> sender.send(this.topology.exchange(), "nowhere", message("lost"), "c-2"))
			.satisfies((returned) -> {
				assertThat(returned.getReplyCode()).isEqualTo(312);
				assertThat(returned.getRoutingKey()).isEqualTo("nowhere");
			});
	}

	@Test
	void takesAMessageThatIsNotMandatoryAsConfirmedThoughItReachesNoQueue() {
		ConfirmedSender sender = this.senders.notMandatory(CONFIRM_TIMEOUT);

		assertThatNoException()
			.isThrownBy(() -> sender.send(this.topology.exchange(), "nowhere", message("unheard"), "c-3"));
	}

	@Test
	void failsWithTheNackWhenTheBrokerRefusesTheMessage() {
		ConfirmedSender sender = this.senders.mandatory(CONFIRM_TIMEOUT);

		assertThatExceptionOfType(AmqpNackReceivedException.class)
			.isThrownBy(() -> sender.send(this.topology.exchange(), "full", message("refused"), "c-4"))
			.satisfies((nack) -> assertThat(nack.getFailedMessage().getBody()).asString(StandardCharsets.UTF_8)
				.isEqualTo("refused"));
	}

	@Test
	void failsWithATimeoutWhenNoConfirmComesInTime() {
		// the broker confirms at once: a template that publishes without the correlation
		// leaves the sender waiting for a confirm that never comes
		RabbitTemplate unconfirmed = new RabbitTemplate(this.topology.connectionFactory()) {

			@Override
			public void send(String exchange, String routingKey, Message message, CorrelationData correlation) {
				super.send(exchange, routingKey, message, null);
			}

		};
		ConfirmedSender sender = new ConfirmedSender(unconfirmed, Duration.ofMillis(200));

		assertThatExceptionOfType(AmqpTimeoutException.class)
			.isThrownBy(() -> sender.send(this.topology.exchange(), "routed", message("late"), "c-5"))
			.withMessageContaining("did not confirm");
	}

	private static Message message(String body) {
		return new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties());
	}

}
