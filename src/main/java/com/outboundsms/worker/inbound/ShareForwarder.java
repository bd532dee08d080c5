package com.outboundsms.worker.inbound;

import java.util.ArrayList;
import java.util.List;

import com.outboundsms.worker.deadletter.MessageRepublisher;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * Moves the bulk lane's requests, as they arrive, from the lane's queue to their
 * campaigns' fair-share queues, a batch at a time: copies confirmed by the broker, then
 * the batch acknowledged at once (a batch the broker did not confirm comes back whole,
 * and a request forwarded twice is answered once by the store). It reads nothing but the
 * campaign: the request is checked where it is worked on.
 */
class ShareForwarder {

	/** The listener's id. */
	static final String LISTENER_ID = "outbound-sms-requests-bulk-shares";

	private final FairShares shares;

	private final InboundProperties properties;

	private final MessageRepublisher republisher;

	private final JsonMapper json;

	ShareForwarder(FairShares shares, InboundProperties properties, MessageRepublisher republisher, JsonMapper json) {
		this.shares = shares;
		this.properties = properties;
		this.republisher = republisher;
		this.json = json;
	}

	@RabbitListener(id = LISTENER_ID, queues = "${outbound-sms.inbound.bulk-queue:outbound-sms.requests.bulk}",
			containerFactory = InboundConfiguration.SHARE_FORWARDER_FACTORY)
	void forward(List<Message> batch) {
		List<MessageRepublisher.Routed> routed = new ArrayList<>(batch.size());
		for (Message message : batch) {
			String queue = this.properties.shareQueue(this.shares.shareOf(campaignOf(message)));
			// the default exchange routes by queue name: no binding to keep
			routed.add(new MessageRepublisher.Routed(message, queue));
		}
		this.republisher.republishAll(routed, "");
	}

	private @Nullable String campaignOf(Message message) {
		try {
			JsonNode campaign = this.json.readTree(message.getBody()).path("campaignId");
			return campaign.isString() ? campaign.asString() : null;
		}
		catch (JacksonException ex) {
			// not JSON: the intake refuses it in the requests without a campaign
			return null;
		}
	}

}
