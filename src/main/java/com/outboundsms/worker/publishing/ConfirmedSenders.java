package com.outboundsms.worker.publishing;

import java.time.Duration;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;

/**
 * Makes a confirmed sender for each purpose, on a template of its own that Spring Boot
 * configures from {@code spring.rabbitmq.template.*} as it configures its own.
 */
public class ConfirmedSenders {

	private final RabbitTemplateConfigurer configurer;

	private final ConnectionFactory connectionFactory;

	ConfirmedSenders(RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory) {
		this.configurer = configurer;
		this.connectionFactory = connectionFactory;
	}

	/**
	 * A sender for messages that must reach a queue: one the broker cannot route fails.
	 * @param confirmTimeout how long to wait for the broker's confirm
	 * @return a sender on a mandatory template of its own
	 */
	public ConfirmedSender mandatory(Duration confirmTimeout) {
		return new ConfirmedSender(template(true), confirmTimeout);
	}

	/**
	 * A sender for messages that may reach no queue: confirmed once the exchange took
	 * them.
	 * @param confirmTimeout how long to wait for the broker's confirm
	 * @return a sender on a template of its own that is not mandatory
	 */
	public ConfirmedSender notMandatory(Duration confirmTimeout) {
		return new ConfirmedSender(template(false), confirmTimeout);
	}

	private RabbitTemplate template(boolean mandatory) {
		RabbitTemplate template = new RabbitTemplate();
		this.configurer.configure(template, this.connectionFactory);
		// the purpose decides, not spring.rabbitmq.template.mandatory
		template.setMandatory(mandatory);
		return template;
	}

}
