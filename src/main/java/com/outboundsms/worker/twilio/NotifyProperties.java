package com.outboundsms.worker.twilio;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of notify mode on flex-conversations: the Studio flow that makes the task when
 * the customer replies, and the timers that close an unanswered conversation, which frees
 * the customer's binding for the next outreach.
 *
 * @param studioFlowSid the Studio flow ({@code FW…}) whose "Send to Flex" widget makes
 * the task on the customer's reply ({@code TWILIO_STUDIO_FLOW_SID}); required for notify
 * requests, which fail without it
 * @param notifyInactiveTimer after how long without messages the conversation turns
 * {@code inactive}
 * @param notifyClosedTimer after how long without messages the conversation closes
 */
@ConfigurationProperties("twilio")
public record NotifyProperties(@Nullable String studioFlowSid, @DefaultValue("1d") Duration notifyInactiveTimer,
		@DefaultValue("3d") Duration notifyClosedTimer) {

	/**
	 * The inactive timer as Twilio reads it.
	 * @return an ISO-8601 duration
	 */
	String inactiveTimer() {
		return this.notifyInactiveTimer.toString();
	}

	/**
	 * The closed timer as Twilio reads it.
	 * @return an ISO-8601 duration
	 */
	String closedTimer() {
		return this.notifyClosedTimer.toString();
	}

}
