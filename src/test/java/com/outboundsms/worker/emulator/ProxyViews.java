package com.outboundsms.worker.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Proxy resources as Twilio does ({@code proxy.v1.service.session},
 * {@code proxy.v1.service.session.participant}).
 */
final class ProxyViews {

	static final String BASE = "https://proxy.twilio.com/v1";

	private final String accountSid;

	ProxyViews(String accountSid) {
		this.accountSid = accountSid;
	}

	static String sessionUrl(String serviceSid, String sessionSid) {
		return BASE + "/Services/" + serviceSid + "/Sessions/" + sessionSid;
	}

	ObjectNode session(ProxySession session) {
		String url = sessionUrl(session.serviceSid(), session.sid());
		ObjectNode json = Json.object();
		json.put("sid", session.sid());
		json.put("service_sid", session.serviceSid());
		json.put("account_sid", this.accountSid);
		json.put("date_started", TwilioTime.format(session.created()));
		json.put("date_ended", TwilioTime.format(session.dateEnded()));
		json.put("date_last_interaction", TwilioTime.format(session.dateLastInteraction()));
		json.put("date_expiry", TwilioTime.format(session.dateExpiry()));
		json.put("unique_name", session.uniqueName());
		json.put("status", session.status());
		json.put("closed_reason", session.closedReason());
		json.put("ttl", session.ttl());
		json.put("mode", session.mode());
		json.put("date_created", TwilioTime.format(session.created()));
		json.put("date_updated", TwilioTime.format(session.updated()));
		json.put("url", url);
		ObjectNode links = json.putObject("links");
		links.put("interactions", url + "/Interactions");
		links.put("participants", url + "/Participants");
		return json;
	}

	ObjectNode participant(ProxyParticipant participant) {
		String url = sessionUrl(participant.serviceSid(), participant.sessionSid()) + "/Participants/"
				+ participant.sid();
		ObjectNode json = Json.object();
		json.put("sid", participant.sid());
		json.put("session_sid", participant.sessionSid());
		json.put("service_sid", participant.serviceSid());
		json.put("account_sid", this.accountSid);
		json.put("friendly_name", participant.friendlyName());
		json.put("identifier", participant.identifier());
		json.put("proxy_identifier", participant.proxyIdentifier());
		json.putNull("proxy_identifier_sid");
		json.putNull("date_deleted");
		json.put("date_created", TwilioTime.format(participant.created()));
		json.put("date_updated", TwilioTime.format(participant.created()));
		json.put("url", url);
		json.putObject("links").put("message_interactions", url + "/MessageInteractions");
		return json;
	}

}
