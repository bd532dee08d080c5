package com.outboundsms.worker.publishing;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the confirmed senders' factory, on the connection and template settings Spring
 * Boot configures.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

	@Bean
	ConfirmedSenders confirmedSenders(RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory) {
		return new ConfirmedSenders(configurer, connectionFactory);
	}

}
