package com.outboundsms.worker.outbound;

import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the result exchange and provides the result publisher.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	@Bean
	TopicExchange resultExchange(OutboundProperties properties) {
		return ExchangeBuilder.topicExchange(properties.exchange()).durable(true).build();
	}

	@Bean
	ResultPublisher resultPublisher(ConfirmedSenders senders, OutboundProperties properties, JsonMapper json) {
		// not mandatory: result listeners bind their own queues, or none
		return new AmqpResultPublisher(senders.notMandatory(properties.confirmTimeout()), properties, json);
	}

}
