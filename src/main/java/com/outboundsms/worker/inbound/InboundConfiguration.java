package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.deadletter.DeadLetterPublisher;
import com.outboundsms.worker.deadletter.MessageRepublisher;
import com.outboundsms.worker.processing.CallCapacity;
import com.outboundsms.worker.processing.CampaignCounting;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.DependencyProbe;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.OutreachProcessor;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.processing.WorkQueue;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the request exchange and a quorum queue per lane (dead-lettering at least once
 * to the dead-letter exchange, with a delivery limit as the poison-message backstop) and
 * wires the listener, which consumes both.
 */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

	/** The container factory of the forwarder to the fair-share queues. */
	static final String SHARE_FORWARDER_FACTORY = "shareForwarderContainerFactory";

	private static final int SHARE_BATCH = 100;

	private static final Duration SHARE_BATCH_WAIT = Duration.ofMillis(20);

	@Bean
	DirectExchange requestExchange(InboundProperties properties) {
		return ExchangeBuilder.directExchange(properties.exchange()).durable(true).build();
	}

	@Bean
	Queue requestQueue(InboundProperties properties, DeadLetterProperties deadLetter) {
		return laneQueue(properties, Lane.INTERACTIVE, deadLetter);
	}

	@Bean
	Queue bulkQueue(InboundProperties properties, DeadLetterProperties deadLetter) {
		return laneQueue(properties, Lane.BULK, deadLetter);
	}

	/** Both lanes' queues alike: only the name and the routing key tell them apart. */
	private static Queue laneQueue(InboundProperties properties, Lane lane, DeadLetterProperties deadLetter) {
		return laneQueue(properties.queue(lane), properties, deadLetter);
	}

	private static Queue laneQueue(String name, InboundProperties properties, DeadLetterProperties deadLetter) {
		return QueueBuilder.durable(name)
			.quorum()
			.deadLetterExchange(deadLetter.exchange())
			.deadLetterRoutingKey(deadLetter.routingKey())
			.withArgument("x-dead-letter-strategy", "at-least-once")
			.overflow(QueueBuilder.Overflow.rejectPublish)
			.deliveryLimit(properties.deliveryLimit())
			.build();
	}

	/**
	 * The delay queues: one per lane and retry delay, each expiring its messages back
	 * into the request exchange with its lane's routing key, at least once, as the
	 * request queues dead-letter; a retried request so comes back to the lane it left.
	 */
	@Bean
	Declarables retryTopology(InboundProperties properties) {
		DirectExchange exchange = ExchangeBuilder.directExchange(RetryRepublisher.retryExchange(properties))
			.durable(true)
			.build();
		List<Declarable> declarables = new ArrayList<>(List.of(exchange));
		for (Lane lane : Lane.values()) {
			for (Duration delay : properties.retryDelays()) {
				String name = RetryDelays.queueName(properties.queue(lane), delay);
				Queue queue = QueueBuilder.durable(name)
					.quorum()
					.ttl((int) delay.toMillis())
					.deadLetterExchange(properties.exchange())
					.deadLetterRoutingKey(properties.routingKey(lane))
					.withArgument("x-dead-letter-strategy", "at-least-once")
					.overflow(QueueBuilder.Overflow.rejectPublish)
					.build();
				declarables.add(queue);
				declarables.add(BindingBuilder.bind(queue).to(exchange).with(name));
			}
		}
		return new Declarables(declarables);
	}

	/**
	 * The bulk lane's fair-share queues, each like the lane's queue but bound to nothing:
	 * requests reach them only through the forwarder, by the default exchange.
	 */
	@Bean
	Declarables fairShareQueues(InboundProperties properties, DeadLetterProperties deadLetter) {
		List<Declarable> queues = new ArrayList<>();
		for (String name : properties.shareQueues()) {
			queues.add(laneQueue(name, properties, deadLetter));
		}
		return new Declarables(queues);
	}

	@Bean
	Binding requestBinding(Queue requestQueue, DirectExchange requestExchange, InboundProperties properties) {
		return BindingBuilder.bind(requestQueue).to(requestExchange).with(properties.routingKey(Lane.INTERACTIVE));
	}

	@Bean
	Binding bulkBinding(Queue bulkQueue, DirectExchange requestExchange, InboundProperties properties) {
		return BindingBuilder.bind(bulkQueue).to(requestExchange).with(properties.routingKey(Lane.BULK));
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

	/**
	 * Each lane has consumers of its own, so that a bulk backlog never holds those a
	 * waiting person needs: the interactive lane a few, the bulk lane as many as the
	 * ceiling of Twilio calls in flight, so that a backlog stays on the broker instead of
	 * piling up unacknowledged here, and no more bulk requests run at once than can have
	 * a call in flight (Twilio's budget serves the interactive lane first). On shutdown
	 * the container stops taking messages, lets those in flight finish within the
	 * timeout, and closes its channel, which hands the rest back to the broker: nothing
	 * is dead-lettered or lost by a rolling restart.
	 */
	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> listenerContainer(ConsumptionProperties properties,
			CallCapacity capacity) {
		Map<String, Integer> consumers = Map.of(ConsumptionGate.LISTENER_ID, properties.interactiveConsumers(),
				ConsumptionGate.BULK_LISTENER_ID, properties.consumers(capacity));
		return (container) -> {
			container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
			// the factory builds the result subscriptions too, whose work is a glance per
			// event: one consumer each, as the factory made them
			Integer lane = consumers.get(container.getListenerId());
			if (lane != null) {
				container.setMaxConcurrentConsumers(lane);
				container.setConcurrentConsumers(lane);
				container.setPrefetchCount(properties.prefetch());
			}
		};
	}

	@Bean
	FairShares fairShares(InboundProperties properties, Campaigns campaigns, AmqpAdmin admin) {
		return new FairShares(properties, campaigns, admin);
	}

	/**
	 * One consumer moving the bulk lane's requests to their fair-share queues in batches:
	 * a batch is what came within a moment, at most {@value #SHARE_BATCH}, so a campaign
	 * of thousands reaches its share in seconds and a lone request waits no longer than
	 * the moment.
	 */
	@Bean(SHARE_FORWARDER_FACTORY)
	SimpleRabbitListenerContainerFactory shareForwarderContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ConsumptionProperties properties) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setBatchListener(true);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(SHARE_BATCH);
		factory.setPrefetchCount(SHARE_BATCH * 2);
		factory.setReceiveTimeout(SHARE_BATCH_WAIT.toMillis());
		factory.setConcurrentConsumers(1);
		factory.setMaxConcurrentConsumers(1);
		factory.setContainerCustomizer(
				(container) -> container.setShutdownTimeout(properties.shutdownTimeout().toMillis()));
		return factory;
	}

	@Bean
	ShareForwarder shareForwarder(FairShares shares, InboundProperties properties, ConfirmedSenders senders,
			JsonMapper json) {
		// mandatory: a copy no queue took would be a lost request
		return new ShareForwarder(shares, properties, new MessageRepublisher(senders.mandatory(Duration.ofSeconds(10))),
				json);
	}

	@Bean(destroyMethod = "close")
	ConsumptionGate consumptionHealthIndicator(RabbitListenerEndpointRegistry registry, List<DependencyProbe> probes,
			ConsumptionProperties properties, WorkerMetrics metrics, Clock clock) {
		return new ConsumptionGate(registry, probes, properties, metrics, clock, ConsumptionGate.ownScheduler());
	}

	@Bean
	QueueDepths queueDepths(AmqpAdmin admin, InboundProperties inbound, DeadLetterProperties deadLetter,
			BacklogProperties properties, WorkerMetrics metrics) {
		List<String> bulk = new ArrayList<>(List.of(inbound.queue(Lane.BULK)));
		bulk.addAll(List.of(inbound.shareQueues()));
		return new QueueDepths(admin, Map.of(WorkQueue.REQUESTS, List.of(inbound.queue(Lane.INTERACTIVE)),
				WorkQueue.BULK_REQUESTS, bulk, WorkQueue.DEAD_LETTERS, List.of(deadLetter.queue())), properties,
				metrics);
	}

	@Bean
	RequestReader requestReader(InboundProperties properties) {
		return RequestReader.of(properties);
	}

	@Bean
	RequestListener requestListener(InboundProperties properties, RequestReader reader, OutreachProcessor processor,
			ResultPublisher results, DeadLetterPublisher deadLetters, ConsumptionGate gate, ConfirmedSenders senders,
			Campaigns campaigns, WorkerMetrics metrics, Clock clock, RequestHolds holds) {
		// mandatory: an unroutable retry copy would be a lost request
		RetryRepublisher retries = new RetryRepublisher(
				new MessageRepublisher(senders.mandatory(Duration.ofSeconds(10))), properties,
				new RetryDelays(properties.retryDelays(), () -> ThreadLocalRandom.current().nextDouble()));
		// every event of a campaign's request counts in the campaign, whichever way it
		// was settled
		return new RequestListener(properties, reader, processor, new CampaignCounting(results, campaigns, metrics),
				deadLetters, retries, gate, metrics, clock, campaigns, holds);
	}

}
