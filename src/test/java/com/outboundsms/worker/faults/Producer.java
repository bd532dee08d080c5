package com.outboundsms.worker.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.ShutdownSignalException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a campaign as a careful producer does: persistent messages in batches, each
 * batch confirmed by the broker, a batch whose confirm did not come published again (so a
 * request may reach the queue twice: the worker must cope).
 */
final class Producer {

	private static final int BATCH = 50;

	private final RabbitTemplate template;

	private final AtomicInteger republishedBatches = new AtomicInteger();

	Producer(ConnectionFactory connections) {
		this.template = new RabbitTemplate(connections);
	}

	/**
	 * Publishes every request, spread evenly over a time.
	 * @param campaign the requests
	 * @param spread how long publishing takes; zero for as fast as confirms come
	 */
	void publish(Campaign campaign, Duration spread) {
		List<Campaign.Request> requests = campaign.requests();
		int batches = (requests.size() + BATCH - 1) / BATCH;
		long start = System.nanoTime();
		for (int batch = 0; batch < batches; batch++) {
			long due = start + spread.toNanos() * batch / batches;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			List<Campaign.Request> slice = requests.subList(batch * BATCH,
					Math.min(requests.size(), (batch + 1) * BATCH));
			publishConfirmed(slice);
		}
	}

	private void publishConfirmed(List<Campaign.Request> slice) {
		for (int attempt = 1;; attempt++) {
			try {
				this.template.invoke((operations) -> {
					slice.forEach((request) -> operations.send("outbound-sms", "request", message(request)));
					operations.waitForConfirmsOrDie(10_000);
					return null;
				});
				return;
			}
			// the channel's own shutdown signal is not wrapped by the template while a
			// batch
			// awaits its confirms: a connection closed then is the same "not confirmed"
			catch (AmqpException | ShutdownSignalException ex) {
				this.republishedBatches.incrementAndGet();
				if (attempt >= 30) {
					throw new IllegalStateException("the broker did not confirm a batch 30 times", ex);
				}
				LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
			}
		}
	}

	private static Message message(Campaign.Request request) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(request.requestId());
		return new Message(request.body().getBytes(StandardCharsets.UTF_8), properties);
	}

	int republishedBatches() {
		return this.republishedBatches.get();
	}

}
