package com.outboundsms.worker.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.OutboundSmsRequest;

import org.springframework.util.StringUtils;

/**
 * The parameters of an agent-initiated SMS interaction: the customer on the Twilio
 * number, and the routing to the configured workspace, workflow, queue and task channel
 * (and to the request's target worker), with the task attributes.
 */
final class InteractionRequests {

	private final TwilioProperties properties;

	private final TaskAttributes taskAttributes;

	InteractionRequests(TwilioProperties properties, TaskAttributes taskAttributes) {
		this.properties = properties;
		this.taskAttributes = taskAttributes;
	}

	Map<String, Object> channel(OutboundSmsRequest request) {
		Map<String, Object> participant = new LinkedHashMap<>();
		participant.put("address", request.toNumber());
		participant.put("proxy_address", request.fromNumber());
		Map<String, Object> channel = new LinkedHashMap<>();
		channel.put("type", "sms");
		channel.put("initiated_by", "agent");
		channel.put("participants", List.of(participant));
		return channel;
	}

	/**
	 * The channel of an interaction made on a conversation that already exists (a notify
	 * conversation an agent now takes up): Twilio adds no participant, the customer is in
	 * it.
	 * @param conversationSid the conversation ({@code CH…})
	 * @return the {@code Channel} parameter
	 */
	Map<String, Object> existingChannel(String conversationSid) {
		Map<String, Object> channel = new LinkedHashMap<>();
		channel.put("type", "sms");
		channel.put("initiated_by", "agent");
		channel.put("properties", Map.of("media_channel_sid", conversationSid));
		return channel;
	}

	/**
	 * The routing, whose task attributes carry the outreach's id.
	 * @param request the request
	 * @param outreachId the outreach's id
	 * @return the {@code Routing} parameter
	 */
	Map<String, Object> routing(OutboundSmsRequest request, String outreachId) {
		Map<String, Object> routing = new LinkedHashMap<>();
		routing.put("workspace_sid", this.properties.workspaceSid());
		routing.put("workflow_sid", this.properties.workflowSid());
		if (StringUtils.hasText(this.properties.queueSid())) {
			routing.put("queue_sid", this.properties.queueSid());
		}
		request.targetWorker().ifPresent((worker) -> routing.put("worker_sid", worker));
		routing.put("task_channel_unique_name", this.properties.taskChannel());
		routing.put("attributes", this.taskAttributes.conversations(request, outreachId));
		return Map.of("properties", routing);
	}

}
