package com.outboundsms.worker;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What the backend-neutral scenarios need to know of one backend: how to prepare Twilio
 * for a Twilio number, and how to read at the emulator what the worker made.
 */
public interface BackendUnderTest {

	/**
	 * The backend's name, as result events carry it.
	 * @return the name
	 */
	String name();

	/**
	 * Makes the emulator ready to serve outreaches from the number (a Flex Flow, for
	 * legacy).
	 * @param from the Twilio number
	 */
	void prepare(String from);

	/**
	 * The path of the request that makes an outreach at Twilio, for injecting faults.
	 * @return a path regex
	 */
	String createPath();

	/**
	 * How many outreach-making creates reached Twilio for the customer.
	 * @param to the customer's number
	 * @return the count
	 */
	long createsFor(String to);

	/**
	 * How many live outreaches the customer has at Twilio (sessions, or conversations).
	 * @param to the customer's number
	 * @return the count
	 */
	long activeOutreachesOf(String to);

	/**
	 * The result event fields that carry the outreach's SIDs (the first message's
	 * excepted).
	 * @return the field names
	 */
	List<String> sidFields();

	/**
	 * The result event field of the first message's SID.
	 * @return the field name
	 */
	String messageSidField();

	/**
	 * The bodies of the messages posted into the outreach a result event names.
	 * @param result the result event
	 * @return the bodies, oldest first
	 */
	List<String> messagesOf(JsonNode result);

	/**
	 * The attributes of the task the outreach a result event names made.
	 * @param result the result event
	 * @return the attributes as received by Twilio
	 */
	Map<String, Object> taskAttributesOf(JsonNode result);

	/**
	 * Ends the outreach as an agent who wraps the chat up does.
	 * @param result the result event naming it
	 */
	void endByAgent(JsonNode result);

	/**
	 * Makes the customer already talk to the number in an active session or conversation
	 * made by Flex itself, not by the worker.
	 * @param from the Twilio number
	 * @param to the customer's number
	 * @return the result event field and the SID a reusing result must carry
	 */
	Map.Entry<String, String> flexAlreadyTalks(String from, String to);

	/**
	 * The worker the outreach's task was routed to, as Twilio received it: the task's
	 * {@code targetWorkerSid} attribute (Known Agent Routing), unless the backend routes
	 * another way.
	 * @param result the result event naming the outreach
	 * @return the worker's SID, or {@code null}
	 */
	default Object targetWorkerOf(JsonNode result) {
		return taskAttributesOf(result).get("targetWorkerSid");
	}

}
