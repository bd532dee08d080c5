package com.outboundsms.worker.enqueue;

import com.outboundsms.worker.inbound.InboundProperties;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The enqueue command's whole context: the broker connection Spring Boot makes from
 * {@code spring.rabbitmq.*}, and the request side's settings (names, default region,
 * largest body) from {@code outbound-sms.inbound.*}. No component scan, so no listener,
 * store or Twilio client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundProperties.class)
@ImportAutoConfiguration(RabbitAutoConfiguration.class)
class EnqueueConfiguration {

}
