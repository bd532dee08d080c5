package com.outboundsms.worker.outbound;

import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.publishing.ConfirmedSender;

import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
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
	ResultPublisher resultPublisher(ConnectionFactory connectionFactory, OutboundProperties properties) {
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setMandatory(false);
		return new AmqpResultPublisher(new ConfirmedSender(template, properties.confirmTimeout()), properties);
	}

}
