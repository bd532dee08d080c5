package com.outboundsms.worker.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.publishing.ConfirmedSender;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class AmqpResultPublisherTests {

	private final RabbitTemplate template = mock(RabbitTemplate.class);

	private final AmqpResultPublisher publisher = new AmqpResultPublisher(
			new ConfirmedSender(this.template, Duration.ofSeconds(1)),
			new OutboundProperties("outbound-sms.results", Duration.ofSeconds(1)), JsonMapper.builder().build());

	@Test
	void publishesTheEventAsUtf8JsonWithTheContractsPropertiesAndNoTypeHeader() {
		willAnswer((invocation) -> invocation.<CorrelationData>getArgument(3)
			.getFuture()
			.complete(new CorrelationData.Confirm(true, null))).given(this.template)
			.send(any(String.class), any(String.class), any(Message.class), any(CorrelationData.class));
		ResultEvent event = ResultEvent.failed("crm-ticket-4711", "flex-legacy", null, null, null,
				ErrorDetail.of(ErrorCode.INVALID_REQUEST, "invalid request"), 1,
				Instant.parse("2026-11-23T10:15:30.123Z"));

		this.publisher.publish(event);

		ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
		verify(this.template).send(eq("outbound-sms.results"), eq("result.failed"), sent.capture(),
				any(CorrelationData.class));
		MessageProperties properties = sent.getValue().getMessageProperties();
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getContentEncoding()).isEqualTo("UTF-8");
		assertThat(properties.getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getCorrelationId()).isEqualTo("crm-ticket-4711");
		assertThat(properties.getMessageId()).isEqualTo("crm-ticket-4711/failed");
		assertThat(properties.getType()).isEqualTo("outbound-sms.result");
		assertThat(properties.getAppId()).isEqualTo("outbound-sms-worker");
		assertThat(properties.getHeaders()).isEqualTo(Map.of());
		assertThat(new String(sent.getValue().getBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"requestId\":\"crm-ticket-4711\",\"outcome\":\"FAILED\",\"backend\":\"flex-legacy\","
					+ "\"attempts\":1,\"completedAt\":\"2026-11-23T10:15:30.123Z\",\"error\":{\"code\":\"INVALID_REQUEST\","
					+ "\"message\":\"invalid request\",\"retryable\":false}}");
	}

}
