package com.outboundsms.worker.twilio;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Twilio backend makes outreaches ({@code OUTBOUND_SMS_BACKEND}): Flex
 * Conversations unless told otherwise, since Programmable Chat for Flex reached its end
 * of life on 2026-06-01.
 *
 * @param backend the backend
 */
@ConfigurationProperties("outbound-sms")
public record BackendProperties(@DefaultValue("flex-conversations") Backend backend) {

	/**
	 * The backends the worker can run.
	 */
	public enum Backend {

		/**
		 * Flex legacy messaging: Flex Flow, Flex chat channel, Proxy session, Chat
		 * message.
		 */
		FLEX_LEGACY("flex-legacy"),

		/**
		 * Flex Conversations: an Interaction (conversation and task), a Conversations
		 * message.
		 */
		FLEX_CONVERSATIONS("flex-conversations");

		private final String wireName;

		Backend(String wireName) {
			this.wireName = wireName;
		}

		public String wireName() {
			return this.wireName;
		}

	}

}
