package com.outboundsms.worker.door;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.inbound.InboundProperties;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes an accepted request as a producer would: persistent, mandatory, to the
 * request exchange, with the request id as message id, and waits for the broker's
 * confirm.
 */
class RequestPublisher {

	private final RabbitTemplate template;

	private final InboundProperties inbound;

	private final Duration confirmTimeout;

	RequestPublisher(RabbitTemplate template, InboundProperties inbound, Duration confirmTimeout) {
		this.template = template;
		this.inbound = inbound;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * Publishes one request body.
	 * @param requestId the request id, sent as the message id
	 * @param body the body
	 * @throws RequestNotQueued when the broker refused, returned or did not confirm it
	 */
	void publish(String requestId, byte[] body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(requestId);
		properties.setAppId("outbound-sms-worker/http");
		CorrelationData correlation = new CorrelationData(requestId);
		this.template.send(this.inbound.exchange(), this.inbound.routingKey(), new Message(body, properties),
				correlation);
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw new RequestNotQueued("the broker refused the request: " + confirm.reason(), null);
			}
			if (correlation.getReturned() != null) {
				throw new RequestNotQueued("the broker could not route the request to the request queue", null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RequestNotQueued("interrupted while waiting for the broker's confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new RequestNotQueued("the broker did not confirm the request", ex);
		}
	}

	/**
	 * The request is not safely in the queue: the caller should send it again.
	 */
	static class RequestNotQueued extends RuntimeException {

		RequestNotQueued(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
