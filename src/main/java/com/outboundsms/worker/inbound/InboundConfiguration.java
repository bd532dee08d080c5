package com.outboundsms.worker.inbound;

import java.time.Clock;

import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.deadletter.DeadLetterPublisher;
import com.outboundsms.worker.processing.OutreachProcessor;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.ResultPublisher;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Declares the request exchange and quorum queue (dead-lettering at least once to the
 * dead-letter exchange, with a delivery limit as the poison-message backstop) and wires
 * the listener.
 */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

	@Bean
	DirectExchange requestExchange(InboundProperties properties) {
		return ExchangeBuilder.directExchange(properties.exchange()).durable(true).build();
	}

	@Bean
	Queue requestQueue(InboundProperties properties, DeadLetterProperties deadLetter) {
		return QueueBuilder.durable(properties.queue())
			.quorum()
			.deadLetterExchange(deadLetter.exchange())
			.deadLetterRoutingKey(deadLetter.routingKey())
			.withArgument("x-dead-letter-strategy", "at-least-once")
			.overflow(QueueBuilder.Overflow.rejectPublish)
			.deliveryLimit(properties.deliveryLimit())
			.build();
	}

	@Bean
	Binding requestBinding(Queue requestQueue, DirectExchange requestExchange, InboundProperties properties) {
		return BindingBuilder.bind(requestQueue).to(requestExchange).with(properties.routingKey());
	}

	/**
	 * The admin that declares the topology, without retries: a queue that exists with
	 * other arguments will not change its mind, so start-up fails at once.
	 */
	@Bean
	RabbitAdmin amqpAdmin(ConnectionFactory connectionFactory) {
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		admin.setRetryTemplate(null);
		return admin;
	}

	@Bean
	TopologyCheck topologyCheck(AmqpAdmin admin) {
		return new TopologyCheck(admin);
	}

	@Bean
	RequestListener requestListener(InboundProperties properties, OutreachProcessor processor, ResultPublisher results,
			DeadLetterPublisher deadLetters, Clock clock) {
		RequestReader reader = new RequestReader(new PhoneNumbers(properties.defaultRegion()),
				properties.maxBodySize().toBytes());
		return new RequestListener(reader, processor, results, deadLetters, retry(properties), clock);
	}

	private static RetryTemplate retry(InboundProperties properties) {
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(Math.max(0, properties.maxAttempts() - 1))
			.delay(properties.initialBackoff())
			.multiplier(2.0)
			.jitter(properties.initialBackoff().dividedBy(2))
			.maxDelay(properties.initialBackoff().multipliedBy(16))
			.excludes(PermanentFailure.class)
			.build();
		return new RetryTemplate(policy);
	}

}
