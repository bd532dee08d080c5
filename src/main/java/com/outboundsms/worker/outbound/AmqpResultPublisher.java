package com.outboundsms.worker.outbound;

import java.util.Locale;

import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.publishing.ConfirmedSender;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.AmqpNackReceivedException;
import org.springframework.amqp.support.converter.ClassMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Publishes result events persistent, to the result exchange with the outcome's routing
 * key and the request id as correlation id, and waits for the broker's confirm. An event
 * nobody listens for is still confirmed: result listeners bind their own queues, or none.
 * The body is the event's {@link ResultEventMessage}, written by the application's JSON
 * mapper as {@code application/json} in UTF-8.
 */
class AmqpResultPublisher implements ResultPublisher {

	private final ConfirmedSender sender;

	private final OutboundProperties properties;

	private final MessageConverter converter;

	AmqpResultPublisher(ConfirmedSender sender, OutboundProperties properties, JsonMapper json) {
		this.sender = sender;
		this.properties = properties;
		JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(json);
		converter.setClassMapper(new NoTypeHeader());
		this.converter = converter;
	}

	@Override
	public void publish(ResultEvent event) {
		MessageProperties props = new MessageProperties();
		props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		props.setCorrelationId(event.requestId());
		props.setMessageId(event.requestId() + "/" + event.outcome().name().toLowerCase(Locale.ROOT));
		props.setType("outbound-sms.result");
		props.setAppId("outbound-sms-worker");
		String routingKey = "result." + event.outcome().name().toLowerCase(Locale.ROOT);
		try {
			this.sender.send(this.properties.exchange(), routingKey,
					this.converter.toMessage(ResultEventMessage.of(event), props), props.getMessageId());
		}
		catch (AmqpNackReceivedException | AmqpTimeoutException notConfirmed) {
			// the port's word for it: the core knows no broker types
			throw new TransientFailure(notConfirmed.getMessage(), notConfirmed);
		}
	}

	/**
	 * Names no Java type in a header: the {@code type} property and the contract name the
	 * message, and listeners of other languages read it.
	 */
	private static final class NoTypeHeader implements ClassMapper {

		@Override
		public void fromClass(Class<?> type, MessageProperties properties) {
		}

		@Override
		public Class<?> toClass(MessageProperties properties) {
			throw new UnsupportedOperationException("result events are only written here");
		}

	}

}
