package com.outboundsms.worker.deadletter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.ScratchTopology;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.publishing.ConfirmedSender;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy set aside against the broker: the body, the properties and the headers of the
 * request as delivered, the copy's own headers, persistent, and without the producer's
 * time to live, user id and cluster id.
 */
class MessageRepublisherIntegrationTests {

	private final TestServices services = TestServices.get();

	private ScratchTopology topology;

	private String requests;

	private String copies;

	private RabbitTemplate template;

	@BeforeEach
	void declareTopology() throws IOException, TimeoutException {
		this.topology = ScratchTopology.declare(this.services, "osw-test-copies");
		this.requests = this.topology.queue("request", Map.of());
		this.copies = this.topology.queue("copy", Map.of());
		this.template = new RabbitTemplate(this.topology.connectionFactory());
		this.template.setMandatory(true);
	}

	@AfterEach
	void removeTopology() throws IOException {
		this.topology.close();
	}

	@Test
	void keepsTheRequestAsDeliveredAddsItsHeadersAndDropsTheTimeToLive() throws IOException {
		AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder().contentType("application/json")
			.contentEncoding("UTF-8")
			.messageId("r-1")
			.correlationId("c-1")
			.timestamp(new Date(1_700_000_000_000L))
			.appId("producer")
			.type("outbound-sms.request")
			.priority(3)
			.replyTo("replies")
			.expiration("600000")
			.userId(this.services.rabbitUser())
			.clusterId("cluster")
			.deliveryMode(1)
			.headers(Map.of("x-request-id", "r-1", "tenant", "t-1"))
			.build();
		this.topology.channel()
			.basicPublish("", this.requests, sent, "{\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));
		Message delivered = this.template.receive(this.requests, 10_000);

		new MessageRepublisher(new ConfirmedSender(this.template, Duration.ofSeconds(10))).republish(delivered,
				this.topology.exchange(), "copy",
				(headers) -> headers.setHeader(DeadLetterHeaders.ERROR_CODE, "INVALID_REQUEST"));

		GetResponse copy = this.topology.take(this.copies);
		assertThat(copy.getBody()).asString(StandardCharsets.UTF_8).isEqualTo("{\"requestId\":\"r-1\"}");
		AMQP.BasicProperties kept = copy.getProps();
		assertThat(kept.getContentType()).isEqualTo("application/json");
		assertThat(kept.getContentEncoding()).isEqualTo("UTF-8");
		assertThat(kept.getMessageId()).isEqualTo("r-1");
		assertThat(kept.getCorrelationId()).isEqualTo("c-1");
		assertThat(kept.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
		assertThat(kept.getAppId()).isEqualTo("producer");
		assertThat(kept.getType()).isEqualTo("outbound-sms.request");
		assertThat(kept.getPriority()).isEqualTo(3);
		assertThat(kept.getReplyTo()).isEqualTo("replies");
		assertThat(kept.getDeliveryMode()).isEqualTo(2);
		assertThat(kept.getExpiration()).isNull();
		assertThat(kept.getUserId()).isNull();
		assertThat(kept.getClusterId()).isNull();
		assertThat(kept.getHeaders()).containsKeys("x-request-id", "tenant", DeadLetterHeaders.ERROR_CODE);
		assertThat(kept.getHeaders().get(DeadLetterHeaders.ERROR_CODE)).hasToString("INVALID_REQUEST");
		assertThat(kept.getHeaders().get("tenant")).hasToString("t-1");
	}

}
