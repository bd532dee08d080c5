package com.outboundsms.worker.twilio;

import java.util.List;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.channel.Message;

/**
 * The messages of a legacy outreach's chat channel, where Proxy picks each one up and
 * texts it to the customer.
 *
 * @param client the Twilio client
 * @param serviceSid the channel's chat service ({@code IS…})
 * @param channelSid the channel ({@code CH…})
 */
record ChatChannelMessages(TwilioRestClient client, String serviceSid,
		String channelSid) implements FirstMessage.Messages {

	/**
	 * The messages of the channel an outreach made or found.
	 * @param client the Twilio client
	 * @param progress the outreach, with its chat service and channel
	 * @return the channel's messages
	 */
	static ChatChannelMessages of(TwilioRestClient client, OutreachProgress progress) {
		return new ChatChannelMessages(client, progress.require(Sid.CHAT_SERVICE), progress.require(Sid.CHAT_CHANNEL));
	}

	@Override
	public List<FirstMessage.Posted> latest() {
		return TwilioFailures.call("looking for the message",
				() -> Message.reader(this.serviceSid, this.channelSid)
					.setOrder(Message.OrderType.DESC)
					.setPageSize(50L)
					.firstPage(this.client)
					.getRecords()
					.stream()
					.map((message) -> new FirstMessage.Posted(message.getSid(), message.getAttributes()))
					.toList());
	}

	@Override
	public String post(String body, String attributes) {
		return TwilioFailures.call("posting the message",
				() -> Message.creator(this.serviceSid, this.channelSid)
					.setBody(body)
					.setAttributes(attributes)
					.create(this.client)
					.getSid());
	}

}
