package com.outboundsms.worker.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.processing.WireTime;
import com.outboundsms.worker.publishing.ConfirmedSender;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Publishes held requests to the request exchange with their lane's routing key,
 * mandatory and confirmed, in one batch. A released request carries the time it was held
 * until ({@code x-held-until}), and the time of its release as its timestamp, so that the
 * backlog's age measures its wait since it may be sent, not the night it was held.
 */
class AmqpHeldRequestPublisher implements HeldRequestPublisher {

	static final String HELD_UNTIL = "x-held-until";

	private final ConfirmedSender sender;

	private final InboundProperties lanes;

	private final Clock clock;

	AmqpHeldRequestPublisher(ConfirmedSender sender, InboundProperties lanes, Clock clock) {
		this.sender = sender;
		this.lanes = lanes;
		this.clock = clock;
	}

	@Override
	public void publish(List<HeldRequest> requests) {
		Date now = Date.from(this.clock.instant());
		List<ConfirmedSender.Outgoing> outgoing = new ArrayList<>(requests.size());
		for (HeldRequest request : requests) {
			MessageProperties properties = request.message().getMessageProperties();
			properties.setTimestamp(now);
			properties.setHeader(HELD_UNTIL, WireTime.format(request.releaseAt()));
			outgoing.add(new ConfirmedSender.Outgoing(this.lanes.exchange(), this.lanes.routingKey(request.lane()),
					new Message(request.message().getBody(), properties), UUID.randomUUID().toString()));
		}
		this.sender.sendAll(outgoing);
	}

}
