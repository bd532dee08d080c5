package com.outboundsms.worker.twilio;

/**
 * The mark an outreach puts on the Flex chat channel it makes: the channel's unique name,
 * and the identity of the chat user the channel is made for. It comes from the outreach's
 * random id, so it is the same on every attempt of the outreach, is never another
 * outreach's, and says nothing about the customer.
 */
final class ChannelMark {

	static final String PREFIX = "outbound-sms-";

	private ChannelMark() {
	}

	/**
	 * The mark of an outreach.
	 * @param outreachId the outreach's id, not empty
	 * @return the mark
	 */
	static String of(String outreachId) {
		if (outreachId.isEmpty()) {
			throw new IllegalArgumentException("An outreach without an id cannot mark what it makes");
		}
		return PREFIX + outreachId;
	}

}
