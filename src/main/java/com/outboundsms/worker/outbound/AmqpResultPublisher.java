package com.outboundsms.worker.outbound;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.processing.TransientFailure;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes result events persistent, to the result exchange with the outcome's routing
 * key and the request id as correlation id, and waits for the broker's confirm. An event
 * nobody listens for is still confirmed: result listeners bind their own queues, or none.
 */
class AmqpResultPublisher implements ResultPublisher {

	private final RabbitTemplate template;

	private final OutboundProperties properties;

	private final ResultEventJson json = new ResultEventJson();

	AmqpResultPublisher(RabbitTemplate template, OutboundProperties properties) {
		this.template = template;
		this.properties = properties;
	}

	@Override
	public void publish(ResultEvent event) {
		MessageProperties props = new MessageProperties();
		props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		props.setContentEncoding("UTF-8");
		props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		props.setCorrelationId(event.requestId());
		props.setMessageId(event.requestId() + "/" + event.outcome().name().toLowerCase(Locale.ROOT));
		props.setType("outbound-sms.result");
		props.setAppId("outbound-sms-worker");
		String routingKey = "result." + event.outcome().name().toLowerCase(Locale.ROOT);
		CorrelationData correlation = new CorrelationData(props.getMessageId());
		this.template.send(this.properties.exchange(), routingKey, new Message(this.json.write(event), props),
				correlation);
		awaitConfirm(correlation);
	}

	private void awaitConfirm(CorrelationData correlation) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw new TransientFailure("the broker refused the result event: " + confirm.reason());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientFailure("interrupted while waiting for the result event's confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new TransientFailure("the broker did not confirm the result event", ex);
		}
	}

}
