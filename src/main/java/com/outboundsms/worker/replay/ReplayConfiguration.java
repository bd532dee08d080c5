package com.outboundsms.worker.replay;

import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.inbound.InboundProperties;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The replay command's whole context: the broker connection Spring Boot makes from
 * {@code spring.rabbitmq.*}, and the worker's queue and exchange names from
 * {@code outbound-sms.*}. No component scan, so no listener, store or Twilio client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ InboundProperties.class, DeadLetterProperties.class })
@ImportAutoConfiguration(RabbitAutoConfiguration.class)
class ReplayConfiguration {

}
