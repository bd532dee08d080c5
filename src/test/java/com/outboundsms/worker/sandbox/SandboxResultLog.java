package com.outboundsms.worker.sandbox;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * Logs every result event, as a result listener of the sandbox's own would see it.
 */
class SandboxResultLog {

	private static final Logger logger = LoggerFactory.getLogger(SandboxResultLog.class);

	@RabbitListener(id = "sandbox-results", queues = "#{sandboxResultQueue.name}")
	void on(Message message) {
		logger.info("Result event [{}]: {}", message.getMessageProperties().getReceivedRoutingKey(),
				new String(message.getBody(), StandardCharsets.UTF_8));
	}

}
