package com.outboundsms.worker.processing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid outbound SMS request: numbers normalized to E.164, every rule of the contract
 * checked.
 *
 * @param requestId the request id ({@code requestId}, else the AMQP message id, else a
 * body digest)
 * @param pair the Twilio number and the customer's number
 * @param toName the customer's name shown on the task and the channel
 * @param sourceChatChannelSid the chat channel the request came from, if any
 * @param initialNotificationMessage the first message to send, if any
 * @param taskAttributes attributes merged into the task (JSON values as maps, lists,
 * strings, numbers, booleans)
 * @param metadata the producer's object echoed in the result event, if any
 */
public record OutboundSmsRequest(String requestId, NumberPair pair, String toName,
		Optional<String> sourceChatChannelSid, Optional<String> initialNotificationMessage,
		Map<String, Object> taskAttributes, Optional<Map<String, Object>> metadata) {

	public OutboundSmsRequest {
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(pair, "pair");
		Objects.requireNonNull(toName, "toName");
		// JSON null is a value a producer may send; Map.copyOf would refuse it
		taskAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(taskAttributes));
	}

	public String fromNumber() {
		return this.pair.fromNumber();
	}

	public String toNumber() {
		return this.pair.toNumber();
	}

}
