package com.outboundsms.worker.processing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A valid outbound SMS request: numbers normalized to E.164, every rule of the contract
 * checked.
 *
 * @param requestId the request id ({@code requestId}, else the AMQP message id, else a
 * body digest)
 * @param pair the Twilio number and the customer's number
 * @param toName the customer's name shown on the task and the channel
 * @param sourceChatChannelSid the chat channel the request came from, or {@code null}
 * @param initialNotificationMessage the first message to send, or {@code null}
 * @param taskAttributes attributes merged into the task (JSON values as maps, lists,
 * strings, numbers, booleans)
 * @param metadata the producer's object echoed in the result event, or {@code null}
 * @param targetWorkerSid the TaskRouter worker ({@code WK…}) the task is meant for
 * (agent-initiated, Known Agent Routing), or {@code null}
 * @param campaignId the producer's campaign, echoed in the result event, or {@code null}
 * @param notBefore the earliest the request may be sent, or {@code null}
 * @param notAfter the latest the request may be sent, or {@code null}
 * @param mode whether the outreach makes an agent's task now or only sends the message
 * (in {@link OutreachMode#NOTIFY} the first message is required)
 */
public record OutboundSmsRequest(String requestId, NumberPair pair, String toName,
		@Nullable String sourceChatChannelSid, @Nullable String initialNotificationMessage,
		Map<String, @Nullable Object> taskAttributes, @Nullable Map<String, @Nullable Object> metadata,
		@Nullable String targetWorkerSid, @Nullable String campaignId, @Nullable Instant notBefore,
		@Nullable Instant notAfter, OutreachMode mode) {

	public OutboundSmsRequest {
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(pair, "pair");
		Objects.requireNonNull(toName, "toName");
		Objects.requireNonNull(mode, "mode");
		if (mode == OutreachMode.NOTIFY && initialNotificationMessage == null) {
			throw new IllegalArgumentException("a notify request needs its message");
		}
		// JSON null is a value a producer may send; Map.copyOf would refuse it
		taskAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(taskAttributes));
	}

	/**
	 * A task request that may be sent at any time.
	 */
	public OutboundSmsRequest(String requestId, NumberPair pair, String toName, @Nullable String sourceChatChannelSid,
			@Nullable String initialNotificationMessage, Map<String, @Nullable Object> taskAttributes,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String targetWorkerSid,
			@Nullable String campaignId) {
		this(requestId, pair, toName, sourceChatChannelSid, initialNotificationMessage, taskAttributes, metadata,
				targetWorkerSid, campaignId, null, null, OutreachMode.TASK);
	}

	/**
	 * A task request sent within its times.
	 */
	public OutboundSmsRequest(String requestId, NumberPair pair, String toName, @Nullable String sourceChatChannelSid,
			@Nullable String initialNotificationMessage, Map<String, @Nullable Object> taskAttributes,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String targetWorkerSid,
			@Nullable String campaignId, @Nullable Instant notBefore, @Nullable Instant notAfter) {
		this(requestId, pair, toName, sourceChatChannelSid, initialNotificationMessage, taskAttributes, metadata,
				targetWorkerSid, campaignId, notBefore, notAfter, OutreachMode.TASK);
	}

	/**
	 * A request in a mode that may be sent at any time.
	 */
	public OutboundSmsRequest(String requestId, NumberPair pair, String toName, @Nullable String sourceChatChannelSid,
			@Nullable String initialNotificationMessage, Map<String, @Nullable Object> taskAttributes,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String targetWorkerSid,
			@Nullable String campaignId, OutreachMode mode) {
		this(requestId, pair, toName, sourceChatChannelSid, initialNotificationMessage, taskAttributes, metadata,
				targetWorkerSid, campaignId, null, null, mode);
	}

	/**
	 * A request for no worker in particular.
	 */
	public OutboundSmsRequest(String requestId, NumberPair pair, String toName, @Nullable String sourceChatChannelSid,
			@Nullable String initialNotificationMessage, Map<String, @Nullable Object> taskAttributes,
			@Nullable Map<String, @Nullable Object> metadata) {
		this(requestId, pair, toName, sourceChatChannelSid, initialNotificationMessage, taskAttributes, metadata, null);
	}

	/**
	 * A request of no campaign.
	 */
	public OutboundSmsRequest(String requestId, NumberPair pair, String toName, @Nullable String sourceChatChannelSid,
			@Nullable String initialNotificationMessage, Map<String, @Nullable Object> taskAttributes,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String targetWorkerSid) {
		this(requestId, pair, toName, sourceChatChannelSid, initialNotificationMessage, taskAttributes, metadata,
				targetWorkerSid, null);
	}

	/**
	 * The worker the task is meant for.
	 * @return its SID, or empty for whoever the workflow picks
	 */
	public Optional<String> targetWorker() {
		return Optional.ofNullable(this.targetWorkerSid);
	}

	public String fromNumber() {
		return this.pair.fromNumber();
	}

	public String toNumber() {
		return this.pair.toNumber();
	}

}
