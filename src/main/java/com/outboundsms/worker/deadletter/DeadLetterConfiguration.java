package com.outboundsms.worker.deadletter;

import com.outboundsms.worker.publishing.ConfirmedSenders;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the dead-letter exchange and queue and provides the dead-letter publisher,
 * whose template is mandatory so that an unroutable copy counts as a failure.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DirectExchange deadLetterExchange(DeadLetterProperties properties) {
		return ExchangeBuilder.directExchange(properties.exchange()).durable(true).build();
	}

	@Bean
	Queue deadLetterQueue(DeadLetterProperties properties) {
		return QueueBuilder.durable(properties.queue()).quorum().build();
	}

	@Bean
	Binding deadLetterBinding(Queue deadLetterQueue, DirectExchange deadLetterExchange,
			DeadLetterProperties properties) {
		return BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(properties.routingKey());
	}

	@Bean
	DeadLetterPublisher deadLetterPublisher(ConfirmedSenders senders, DeadLetterProperties properties) {
		return new DeadLetterPublisher(new MessageRepublisher(senders.mandatory(properties.confirmTimeout())),
				properties);
	}

}
