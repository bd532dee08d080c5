package com.outboundsms.worker.web;

import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.publishing.ConfirmedSender;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Publishes an accepted request as a producer would: persistent, mandatory, to the
 * request exchange in the interactive lane (the caller waits for it), with the request id
 * as message id, and waits for the broker's confirm.
 */
class RequestPublisher {

	private final ConfirmedSender sender;

	private final InboundProperties inbound;

	RequestPublisher(ConfirmedSender sender, InboundProperties inbound) {
		this.sender = sender;
		this.inbound = inbound;
	}

	/**
	 * Publishes one request body.
	 * @param requestId the request id, sent as the message id
	 * @param body the body
	 * @throws org.springframework.amqp.AmqpException when the broker refused, returned or
	 * did not confirm it
	 */
	void publish(String requestId, byte[] body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(requestId);
		properties.setAppId("outbound-sms-worker/http");
		this.sender.send(this.inbound.exchange(), this.inbound.routingKey(Lane.INTERACTIVE),
				new Message(body, properties), requestId);
	}

}
