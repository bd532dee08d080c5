package com.outboundsms.worker.outbound;

import java.util.Locale;

import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.publishing.ConfirmedSender;

import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.AmqpNackReceivedException;

/**
 * Publishes result events persistent, to the result exchange with the outcome's routing
 * key and the request id as correlation id, and waits for the broker's confirm. An event
 * nobody listens for is still confirmed: result listeners bind their own queues, or none.
 */
class AmqpResultPublisher implements ResultPublisher {

	private final ConfirmedSender sender;

	private final OutboundProperties properties;

	private final ResultEventJson json = new ResultEventJson();

	AmqpResultPublisher(ConfirmedSender sender, OutboundProperties properties) {
		this.sender = sender;
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
		try {
			this.sender.send(this.properties.exchange(), routingKey, new Message(this.json.write(event), props),
					props.getMessageId());
		}
		catch (AmqpNackReceivedException | AmqpTimeoutException notConfirmed) {
			// the port's word for it: the core knows no broker types
			throw new TransientFailure(notConfirmed.getMessage(), notConfirmed);
		}
	}

}
