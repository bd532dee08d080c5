package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.proxy.v1.service.Session;
import com.twilio.rest.proxy.v1.service.SessionCreator;
import com.twilio.rest.proxy.v1.service.session.Participant;
import org.jspecify.annotations.Nullable;

/**
 * The Proxy sessions of the configured service, as the legacy sequence uses them: made
 * for a chat channel, read, and asked whether they tie a customer to a number.
 */
class ProxySessions {

	private final TwilioRestClient client;

	private final String serviceSid;

	ProxySessions(TwilioRestClient client, String serviceSid) {
		this.client = client;
		this.serviceSid = serviceSid;
	}

	/**
	 * Makes the channel's session, named after it, with the customer's phone and the
	 * channel as participants. The participants carry no display name: Twilio asks for
	 * none that identifies a person, and Proxy needs none.
	 * @param channelSid the chat channel
	 * @param request the request
	 * @param ttl how long the session stays open without a message, or {@code null} for
	 * as long as its channel does
	 * @return the session's SID
	 * @throws TwilioException as Twilio answered, for the caller to reconcile
	 */
	String create(String channelSid, OutboundSmsRequest request, @Nullable Duration ttl) {
		SessionCreator creator = Session.creator(this.serviceSid)
			.setUniqueName(channelSid)
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(participant(request.toNumber(), request), participant(channelSid, request)));
		if (ttl != null) {
			creator.setTtl((int) ttl.toSeconds());
		}
		return creator.create(this.client).getSid();
	}

	/**
	 * Reads a session.
	 * @param sessionSid the session
	 * @return the session, or empty when Twilio has none by that SID
	 */
	Optional<Session> find(String sessionSid) {
		try {
			return Optional.of(Session.fetcher(this.serviceSid, sessionSid).fetch(this.client));
		}
		catch (TwilioException ex) {
			if (TwilioFailures.isNotFound(ex)) {
				return Optional.empty();
			}
			throw TwilioFailures.classify("reading the Proxy session", ex);
		}
	}

	boolean isActive(String sessionSid) {
		return find(sessionSid).filter(ProxySessions::isActive).isPresent();
	}

	/**
	 * Whether one of the session's participants is the customer on the number.
	 * @param sessionSid the session
	 * @param customer the customer's number
	 * @param twilioNumber the Twilio number
	 * @return whether the session ties them
	 */
	boolean ties(String sessionSid, String customer, String twilioNumber) {
		return TwilioFailures
			.call("reading the Proxy session's participants",
					() -> Participant.reader(this.serviceSid, sessionSid).firstPage(this.client))
			.getRecords()
			.stream()
			.anyMatch((participant) -> customer.equals(participant.getIdentifier())
					&& twilioNumber.equals(participant.getProxyIdentifier()));
	}

	static boolean isActive(Session session) {
		return session.getStatus() == Session.Status.OPEN || session.getStatus() == Session.Status.IN_PROGRESS;
	}

	private static Map<String, Object> participant(String identifier, OutboundSmsRequest request) {
		Map<String, Object> participant = new LinkedHashMap<>();
		participant.put("Identifier", identifier);
		participant.put("ProxyIdentifier", request.fromNumber());
		return participant;
	}

}
